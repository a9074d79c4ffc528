package dev.inkwell.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.persistence.testing.CachedPostWrites;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.core.Response;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static dev.inkwell.api.JsonHttp.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers and readers on the same few posts at once, through HTTP: no read that starts after a
 * write was acknowledged returns a version older than that write (read-your-writes across
 * clients, the invariant the cache must not break), by id and by slug (a slug's change included);
 * and a scheduled post's publishing by the worker leaves no reader a draft's copy;
 * and the same for the comment count a post shows, which comments change without a new version of the post.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostCacheConsistencyIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    private static final int POSTS = 3;
    private static final int WRITERS = 4;
    private static final int WRITES_EACH = 25;
    private static final int READERS = 8;
    private static final int READS_EACH = 120;

    @Test
    void noReadAfterAnAcknowledgedWriteReturnsAnOlderVersion() throws Exception {
        ApiApp.Session author = API.signUp("busy");
        long[] ids = posts(author);
        // Highest version acknowledged to any writer so far, per post.
        AtomicLongArray acknowledged = new AtomicLongArray(POSTS);
        for (int i = 0; i < POSTS; i++) {
            acknowledged.set(i, 1);
        }
        List<String> stale = readsBelowAcknowledged(acknowledged, (p, writer, n) -> {
            JsonNode post = HTTP.patch("/api/posts/" + ids[p], fields("title", "w" + writer + "-" + n)).as(author).expect(200);
            acknowledged.accumulateAndGet(p, post.get("version").asLong(), Math::max);
        }, (p, n) -> HTTP.get("/api/posts/" + ids[p]).expect(200).get("version").asLong());
        assertThat(stale).isEmpty();
        for (int i = 0; i < POSTS; i++) {
            assertThat(HTTP.get("/api/posts/" + ids[i]).expect(200).get("version").asLong()).isEqualTo(acknowledged.get(i));
        }
        // The readers were really served from the cache along the way.
        assertThat(HTTP.get("/api/admin/cache").as(API.admin()).expect(200).get("hits").asLong()).isPositive();
    }

    /**
     * Commenters and readers on the same few posts at once: the comment count a post shows, read
     * alone or on a kept list page, is never lower than the comments acknowledged before the read.
     */
    @Test
    void noReadAfterAnAcknowledgedCommentShowsAnOlderCommentCount() throws Exception {
        ApiApp.Session author = API.signUp("discussed");
        ApiApp.Session commenter = API.signUp("commenter");
        long[] ids = posts(author);
        AtomicLongArray acknowledged = new AtomicLongArray(POSTS);
        List<String> stale = readsBelowAcknowledged(acknowledged, (p, writer, n) -> {
            HTTP.post("/api/posts/" + ids[p] + "/comments", fields("body", "w" + writer + "-" + n)).as(commenter).expect(201);
            acknowledged.incrementAndGet(p);
        }, (p, n) -> n % 2 == 0 ? HTTP.get("/api/posts/" + ids[p]).expect(200).get("comment_count").asLong()
                : countOnListPage(author, ids[p]));
        assertThat(stale).isEmpty();
        for (int i = 0; i < POSTS; i++) {
            assertThat(HTTP.get("/api/posts/" + ids[i]).expect(200).get("comment_count").asLong()).isEqualTo(acknowledged.get(i));
            assertThat(countOnListPage(author, ids[i])).isEqualTo(acknowledged.get(i));
        }
    }

    /** {@value #POSTS} published posts of {@code author}'s. */
    private static long[] posts(ApiApp.Session author) {
        long[] ids = new long[POSTS];
        for (int i = 0; i < POSTS; i++) {
            ids[i] = HTTP.post("/api/posts", fields("title", "v1", "content", "x", "published", true)).as(author).expect(201)
                    .get("id").asLong();
        }
        return ids;
    }

    /** One write of post index {@code p}, the {@code n}th of {@code writer}'s; it raises what it acknowledged. */
    private interface Write {
        void write(int p, int writer, int n);
    }

    /** The {@code n}th read of a reader, of post index {@code p}: the value compared with what was acknowledged. */
    private interface Read {
        long read(int p, int n);
    }

    /**
     * {@value #WRITERS} writers making {@value #WRITES_EACH} writes each and {@value #READERS}
     * readers making {@value #READS_EACH} reads each, all at once, each going round the posts;
     * returns the reads that saw less than what had been acknowledged for their post when they began.
     */
    private static List<String> readsBelowAcknowledged(AtomicLongArray acknowledged, Write write, Read read) throws Exception {
        List<Callable<List<String>>> clients = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            clients.add(() -> {
                for (int n = 0; n < WRITES_EACH; n++) {
                    write.write((writer + n) % POSTS, writer, n);
                }
                return List.of();
            });
        }
        for (int r = 0; r < READERS; r++) {
            int reader = r;
            clients.add(() -> {
                List<String> stale = new ArrayList<>();
                for (int n = 0; n < READS_EACH; n++) {
                    int p = (reader + n) % POSTS;
                    long floor = acknowledged.get(p);
                    long seen = read.read(p, n);
                    if (seen < floor) {
                        stale.add("post index " + p + ": read " + seen + " after " + floor + " was acknowledged");
                    }
                }
                return stale;
            });
        }
        return JsonHttp.together(clients).stream().flatMap(List::stream).toList();
    }

    @Test
    void hidingShowingAndDeletingACommentShowTheNewCountAtOnceOnCachedReadsAndKeptPages() {
        ApiApp.Session author = API.signUp("moderator");
        ApiApp.Session commenter = API.signUp("talker");
        long post = HTTP.post("/api/posts", fields("title", "t", "content", "x", "published", true)).as(author).expect(201)
                .get("id").asLong();
        String comments = "/api/posts/" + post + "/comments";
        long top = HTTP.post(comments, fields("body", "top")).as(commenter).expect(201).get("id").asLong();
        HTTP.post(comments, fields("body", "reply", "parent_id", top)).as(commenter).expect(201);
        assertCount(author, post, 2);
        assertCount(author, post, 2); // now both are cached: the writes below must drop them
        HTTP.patch(comments + "/" + top, fields("hidden", true)).as(author).expect(200);
        assertCount(author, post, 1);
        HTTP.patch(comments + "/" + top, fields("hidden", false)).as(author).expect(200);
        assertCount(author, post, 2);
        HTTP.delete(comments + "/" + top).as(author).expect(204);
        assertCount(author, post, 0);
    }

    /** The post's comment count, read alone (from the cache when it holds it) and on its author's kept list page. */
    private static void assertCount(ApiApp.Session author, long post, long expected) {
        assertThat(HTTP.get("/api/posts/" + post).expect(200).get("comment_count").asLong()).as("the post read alone").isEqualTo(expected);
        assertThat(countOnListPage(author, post)).as("the post on a list page").isEqualTo(expected);
    }

    /** The comment count of post {@code id} on the anonymous first page of its author's posts. */
    private static long countOnListPage(ApiApp.Session author, long id) {
        for (JsonNode item : HTTP.get("/api/posts?author_id=" + author.id()).expect(200).get("items")) {
            if (item.get("id").asLong() == id) {
                return item.get("comment_count").asLong();
            }
        }
        throw new AssertionError("post " + id + " is not on its author's first page");
    }

    // --- slugs and scheduled publishing

    @Test
    void noReadBySlugAfterAnAcknowledgedSlugChangeMissesThePostOrReturnsAnOlderVersion() throws Exception {
        ApiApp.Session author = API.signUp("renamer");
        long[] ids = new long[POSTS];
        AtomicReferenceArray<String> slugs = new AtomicReferenceArray<>(POSTS);
        AtomicLongArray acknowledged = new AtomicLongArray(POSTS);
        for (int i = 0; i < POSTS; i++) {
            JsonNode post = HTTP.post("/api/posts", fields("title", "slugged " + ApiApp.unique("p"), "content", "x", "published", true))
                    .as(author).expect(201);
            ids[i] = post.get("id").asLong();
            slugs.set(i, post.get("slug").asText());
            acknowledged.set(i, 1);
        }
        List<Callable<List<String>>> clients = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            clients.add(() -> {
                for (int n = 0; n < WRITES_EACH; n++) {
                    int p = (writer + n) % POSTS;
                    // Any slug the post was acknowledged under leads to it (its last, or a redirect to the last).
                    JsonNode post = HTTP.patch("/api/posts/" + ids[p], fields("slug", "s-" + ids[p] + "-" + writer + "-" + n))
                            .as(author).expect(200);
                    slugs.set(p, post.get("slug").asText());
                    acknowledged.accumulateAndGet(p, post.get("version").asLong(), Math::max);
                }
                return List.of();
            });
        }
        for (int r = 0; r < READERS; r++) {
            int reader = r;
            clients.add(() -> {
                List<String> stale = new ArrayList<>();
                for (int n = 0; n < READS_EACH; n++) {
                    int p = (reader + n) % POSTS;
                    long floor = acknowledged.get(p);
                    String slug = slugs.get(p);
                    // A slug changed since answers with the post under its new slug (a redirect, followed here).
                    try (Response read = HTTP.get("/api/posts/by-slug/" + slug).send()) {
                        if (read.getStatus() != 200) {
                            stale.add("slug " + slug + ": " + read.getStatus() + " after it was acknowledged");
                            continue;
                        }
                        long seen = JsonHttp.json(read).get("version").asLong();
                        if (seen < floor) {
                            stale.add("slug " + slug + ": version " + seen + " after version " + floor + " was acknowledged");
                        }
                    }
                }
                return stale;
            });
        }
        List<String> stale = JsonHttp.together(clients).stream().flatMap(List::stream).toList();
        assertThat(stale).isEmpty();
        for (int i = 0; i < POSTS; i++) {
            assertThat(HTTP.get("/api/posts/by-slug/" + slugs.get(i)).expect(200).get("version").asLong()).isEqualTo(acknowledged.get(i));
        }
    }

    @Test
    void aScheduledPostPublishedByTheWorkerIsReadPublishedEverywhereAtOnce() throws Exception {
        ApiApp.Session author = API.signUp("scheduler");
        String word = "flip" + ApiApp.unique("w").replace("-", "");
        JsonNode post = HTTP.post("/api/posts", fields("title", "Scheduled " + word, "content", word,
                "publish_at", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString())).as(author).expect(201);
        long id = post.get("id").asLong();
        String slug = post.get("slug").asText();
        // Every copy a reader can be served is made and kept while the post is a draft.
        for (int i = 0; i < 2; i++) {
            assertThat(HTTP.get("/api/posts/" + id).as(author).expect(200).get("published").asBoolean()).isFalse();
            assertThat(HTTP.get("/api/posts/" + id).send().getStatus()).isEqualTo(404);
            assertThat(HTTP.get("/api/posts/by-slug/" + slug).send().getStatus()).isEqualTo(404);
            assertThat(HTTP.get("/api/posts?author_id=" + author.id()).expect(200).get("items")).isEmpty();
            assertThat(HTTP.get("/api/posts?q=" + word).expect(200).get("items")).isEmpty();
        }
        API.jdbi().useHandle(h -> h.execute("UPDATE posts SET publish_at = now() WHERE id = ?", id)); // its time has come
        try (CachedPostWrites worker = new CachedPostWrites(API.jdbi(), API.namespace())) {
            assertThat(worker.publishing().publishIfDue(id)).isTrue(); // as the worker's job publishes it
        }
        assertThat(HTTP.get("/api/posts/" + id).expect(200).get("published").asBoolean()).isTrue();
        assertThat(HTTP.get("/api/posts/" + id).as(author).expect(200).get("version").asLong()).isEqualTo(2);
        assertThat(HTTP.get("/api/posts/by-slug/" + slug).expect(200).get("id").asLong()).isEqualTo(id);
        assertThat(HTTP.get("/api/posts?author_id=" + author.id()).expect(200).get("items")).hasSize(1);
        assertThat(HTTP.get("/api/posts?q=" + word).expect(200).get("items")).hasSize(1);
    }
}
