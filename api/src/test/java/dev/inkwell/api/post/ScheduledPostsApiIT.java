package dev.inkwell.api.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduling a post through the API, without a worker: a scheduled post is a draft that readers
 * cannot find (by id, by slug, in lists and searches), its publishing is stored as a job for its
 * time, and a schedule is refused where it makes no sense. Its publishing is the worker's
 * ({@code worker}'s ScheduledPublishingIT); what readers see after it, {@code PostCacheInvalidationApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ScheduledPostsApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    static ApiApp.Session author;

    @BeforeAll
    static void signIn() {
        author = API.signUp("planner");
    }

    private static String inAnHour() {
        return OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static JsonNode scheduled(String word, String at) {
        return HTTP.post("/api/posts", fields("title", "Soon " + word, "content", "the words " + word, "publish_at", at))
                .as(author).expect(201);
    }

    /** The publishing jobs JobRunr holds for post {@code id}, with their states and times. */
    private static List<String> publishingJobs(long id) {
        return API.jdbi().withHandle(h -> h.createQuery("""
                SELECT state || ' ' || floor(extract(epoch FROM scheduledat))::bigint FROM jobrunr_jobs
                 WHERE jobsignature LIKE '%PublishPostJobRequest%' AND jobasjson LIKE '%"postId":' || :id || '}%'
                 ORDER BY scheduledat
                """).bind("id", id).mapTo(String.class).list());
    }

    /** The second of {@code time} as JobRunr keeps it (seconds since the epoch, UTC). */
    private static long second(String time) {
        return OffsetDateTime.parse(time).toEpochSecond();
    }

    @Test
    void aScheduledPostIsADraftWithItsTimeAndAJobForThen() {
        String at = inAnHour();
        JsonNode post = scheduled("plain", at);
        assertThat(post.get("published").asBoolean()).isFalse();
        assertThat(post.get("published_at").isNull()).isTrue();
        assertThat(OffsetDateTime.parse(post.get("publish_at").asText())).isEqualTo(OffsetDateTime.parse(at));
        assertThat(publishingJobs(post.get("id").asLong())).containsExactly("SCHEDULED " + second(at));
    }

    @Test
    void readersFindAScheduledPostNowhereBeforeItsTime() {
        String word = "sched" + ApiApp.unique("w").replace("-", "");
        JsonNode post = scheduled(word, inAnHour());
        long id = post.get("id").asLong();
        assertProblem(HTTP.get("/api/posts/" + id).send(), 404);
        assertProblem(HTTP.get("/api/posts/by-slug/" + post.get("slug").asText()).send(), 404);
        assertThat(HTTP.get("/api/posts?author_id=" + author.id() + "&published=false").expect(200).get("items")).isEmpty();
        for (JsonNode listed : HTTP.get("/api/posts?author_id=" + author.id()).expect(200).get("items")) {
            assertThat(listed.get("id").asLong()).isNotEqualTo(id);
        }
        assertThat(HTTP.get("/api/posts?q=" + word).expect(200).get("items")).isEmpty();
        assertThat(HTTP.get("/api/posts/" + id).as(author).expect(200).get("publish_at").isNull()).isFalse();
    }

    @Test
    void movingAScheduleStoresAJobForTheNewTimeAndCancellingKeepsTheDraft() {
        JsonNode post = scheduled("moved", inAnHour());
        long id = post.get("id").asLong();
        String later = OffsetDateTime.parse(inAnHour()).plusDays(1).toString();
        assertThat(HTTP.patch("/api/posts/" + id, fields("publish_at", later)).as(author).expect(200).get("publish_at").asText())
                .isNotEqualTo(post.get("publish_at").asText());
        assertThat(publishingJobs(id)).hasSize(2).last().isEqualTo("SCHEDULED " + second(later));
        JsonNode cancelled = HTTP.patch("/api/posts/" + id, "{\"publish_at\": null}").as(author).expect(200);
        assertThat(cancelled.get("publish_at").isNull()).isTrue();
        assertThat(cancelled.get("published").asBoolean()).isFalse();
        assertThat(cancelled.get("version").asLong()).isEqualTo(3);
    }

    @Test
    void anEditThatLeavesTheScheduleStoresNoNewJob() {
        JsonNode post = scheduled("edited", inAnHour());
        long id = post.get("id").asLong();
        HTTP.patch("/api/posts/" + id, fields("title", "Edited title")).as(author).expect(200);
        assertThat(publishingJobs(id)).hasSize(1);
    }

    @Test
    void publishingNowClearsTheSchedule() {
        JsonNode post = scheduled("now", inAnHour());
        JsonNode published = HTTP.patch("/api/posts/" + post.get("id").asLong(), fields("published", true)).as(author).expect(200);
        assertThat(published.get("published").asBoolean()).isTrue();
        assertThat(published.get("publish_at").isNull()).isTrue();
        assertThat(HTTP.get("/api/posts/" + post.get("id").asLong()).expect(200).get("id").asLong()).isEqualTo(post.get("id").asLong());
    }

    @Test
    void aScheduleThatMakesNoSenseIs422OnPublishAtAndChangesNothing() {
        String past = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString();
        List<JsonHttp.Call> refused = new ArrayList<>(List.of(
                HTTP.post("/api/posts", fields("title", "t", "content", "c", "publish_at", past)).as(author),
                HTTP.post("/api/posts", fields("title", "t", "content", "c", "published", true, "publish_at", inAnHour())).as(author)));
        JsonNode published = HTTP.post("/api/posts", fields("title", "Out", "content", "c", "published", true)).as(author).expect(201);
        refused.add(HTTP.patch("/api/posts/" + published.get("id").asLong(), fields("publish_at", inAnHour())).as(author));
        refused.add(HTTP.patch("/api/posts/" + published.get("id").asLong(), fields("publish_at", past, "published", false)).as(author));
        long posts = count("posts");
        for (JsonHttp.Call call : refused) {
            assertFields(assertProblem(call.send(), 422), "publish_at");
        }
        assertThat(count("posts")).isEqualTo(posts);
        assertThat(HTTP.get("/api/posts/" + published.get("id").asLong()).expect(200).get("version").asLong()).isEqualTo(1);
    }

    @Test
    void aPublishedPostIsScheduledByMakingItADraftInTheSameEdit() {
        JsonNode published = HTTP.post("/api/posts", fields("title", "Back", "content", "c", "published", true)).as(author).expect(201);
        String at = inAnHour();
        JsonNode draft = HTTP.patch("/api/posts/" + published.get("id").asLong(), fields("published", false, "publish_at", at))
                .as(author).expect(200);
        assertThat(draft.get("published").asBoolean()).isFalse();
        assertThat(OffsetDateTime.parse(draft.get("publish_at").asText())).isEqualTo(OffsetDateTime.parse(at));
        assertProblem(HTTP.get("/api/posts/" + published.get("id").asLong()).send(), 404);
    }

    private static long count(String table) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }
}
