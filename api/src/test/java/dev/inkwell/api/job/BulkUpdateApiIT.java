package dev.inkwell.api.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Submitting bulk updates and reading jobs, without a worker: what is accepted (202, one job per
 * request id), and everything refused with nothing stored or enqueued.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BulkUpdateApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    static ApiApp.Session author;
    static ApiApp.Session other;
    static ApiApp.Session admin;
    static List<Long> mine = new ArrayList<>();
    static long theirs;

    @BeforeAll
    static void fixtures() {
        author = API.signUp("bulkauthor");
        other = API.signUp("bulkother");
        admin = API.admin();
        for (int i = 0; i < 3; i++) {
            mine.add(HTTP.post("/api/posts", fields("title", "mine " + i, "content", "x")).as(author).expect(201).get("id").asLong());
        }
        theirs = HTTP.post("/api/posts", fields("title", "theirs", "content", "x")).as(other).expect(201).get("id").asLong();
    }

    private static long stored() {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM bulk_updates").mapTo(Long.class).one());
    }

    private static long enqueued() {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM jobrunr_jobs").mapTo(Long.class).one());
    }

    private static void assertRefused(ApiApp.Session as, Object body, int status, String... fields) {
        long before = stored();
        long jobs = enqueued();
        JsonHttp.Call call = HTTP.post("/api/posts/bulk-update", body);
        Map<String, Object> problem = assertProblem((as == null ? call : call.as(as)).send(), status);
        if (fields.length > 0) {
            assertFields(problem, fields);
        }
        assertThat(stored()).as("nothing stored").isEqualTo(before);
        assertThat(enqueued()).as("nothing enqueued").isEqualTo(jobs);
    }

    @Test
    void anAuthorsUpdateOfTheirPostsIsAcceptedWithTheJobsLocation() {
        try (Response r = HTTP.post("/api/posts/bulk-update", fields("ids", mine, "set", fields("published", true))).as(author).send()) {
            assertThat(r.getStatus()).isEqualTo(202);
            String jobId = JsonHttp.json(r).get("job_id").asText();
            assertThat(r.getLocation().getPath()).isEqualTo("/api/jobs/" + jobId);
            JsonNode job = HTTP.get("/api/jobs/" + jobId).as(author).expect(200);
            assertThat(job.get("type").asText()).isEqualTo("bulk_update");
            assertThat(job.get("state").asText()).isEqualTo("enqueued");
            assertThat(job.get("progress").asInt()).isZero();
            assertThat(job.get("result").isNull()).isTrue();
        }
    }

    @Test
    void theSameRequestIdEnqueuesOneJob() {
        Map<String, Object> body = fields("request_id", ApiApp.unique("req"), "ids", mine, "set", fields("add_tags", List.of("x")));
        String first = HTTP.post("/api/posts/bulk-update", body).as(author).expect(202).get("job_id").asText();
        long jobs = enqueued();
        String again = HTTP.post("/api/posts/bulk-update", body).as(author).expect(202).get("job_id").asText();
        assertThat(again).isEqualTo(first);
        assertThat(enqueued()).isEqualTo(jobs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"author_id", "id", "created_at", "version", "title", "content", "updated_at", "published_at", "tags"})
    void settingAFieldOutsideTheAllowListIs422(String field) {
        Object value = field.endsWith("_at") ? "2020-01-01T00:00:00Z" : field.equals("tags") ? List.of("x") : 1;
        assertRefused(admin, fields("ids", mine, "set", fields("published", true, field, value)), 422, "set." + field);
    }

    @Test
    void anUnknownTopLevelFieldIs422() {
        assertRefused(author, fields("ids", mine, "set", fields("published", true), "author_id", other.id()), 422, "author_id");
    }

    @Test
    void bothOrNeitherTargetIs422() {
        assertRefused(author, fields("set", fields("published", true)), 422, "ids");
        assertRefused(author, fields("ids", mine, "filter", fields("published", false), "set", fields("published", true)), 422, "ids");
    }

    @Test
    void anEmptyOrMissingSetIs422() {
        assertRefused(author, fields("ids", mine, "set", fields()), 422, "set");
        assertRefused(author, fields("ids", mine), 422, "set");
    }

    @Test
    void moreThanAHundredThousandIdsIs422() {
        List<Long> ids = new ArrayList<>();
        for (long i = 1; i <= 100_001; i++) {
            ids.add(i);
        }
        assertRefused(admin, fields("ids", ids, "set", fields("published", true)), 422, "ids");
    }

    @Test
    void badTagsOrAnUnknownCategoryAre422() {
        assertRefused(author, fields("ids", mine, "set", fields("add_tags", List.of("  "))), 422, "set.add_tags[0]");
        assertRefused(author, fields("ids", mine, "set", fields("add_tags", List.of("a"), "remove_tags", List.of("A"))), 422, "set.remove_tags");
        assertRefused(author, fields("ids", mine, "set", fields("category_id", 999_999_999)), 422, "set.category_id");
    }

    @Test
    void anAuthorCannotTargetSomeoneElsesPosts() {
        List<Long> ids = new ArrayList<>(mine);
        ids.add(theirs);
        assertRefused(author, fields("ids", ids, "set", fields("published", true)), 403);
        assertRefused(author, fields("filter", fields("author_id", other.id()), "set", fields("published", true)), 403);
    }

    @Test
    void anAuthorsFilterIsNarrowedToTheirOwnPosts() {
        String jobId = HTTP.post("/api/posts/bulk-update", fields("filter", fields("published", false), "set", fields("published", true)))
                .as(author).expect(202).get("job_id").asText();
        long narrowedTo = API.jdbi().withHandle(h -> h.createQuery("SELECT filter_author_id FROM bulk_updates WHERE id = CAST(:id AS uuid)")
                .bind("id", jobId).mapTo(Long.class).one());
        assertThat(narrowedTo).isEqualTo(author.id());
    }

    @Test
    void anonymousIs401() {
        assertRefused(null, fields("ids", mine, "set", fields("published", true)), 401);
    }

    @Test
    void aJobIsVisibleToItsOwnerAndAdminsOnly() {
        String jobId = HTTP.post("/api/posts/bulk-update", fields("ids", mine, "set", fields("published", false))).as(author).expect(202)
                .get("job_id").asText();
        assertProblem(HTTP.get("/api/jobs/" + jobId).as(other).send(), 404);
        HTTP.get("/api/jobs/" + jobId).as(admin).expect(200);
        assertProblem(HTTP.get("/api/jobs/" + jobId).send(), 401);
        assertProblem(HTTP.get("/api/jobs/00000000-0000-0000-0000-000000000000").as(admin).send(), 404);
        assertProblem(HTTP.get("/api/jobs/not-a-uuid").as(admin).send(), 400);
    }
}
