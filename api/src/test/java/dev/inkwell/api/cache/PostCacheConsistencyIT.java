package dev.inkwell.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

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
 * clients, the invariant the cache must not break), by id and by slug (a slug's change included),
 * and the same for the comment count a post shows, which comments change without a new version of
 * the post. (One write at a time reaching the cache: PostCacheInvalidationApiIT.)
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostCacheConsistencyIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final PostCacheFixture CACHE = new PostCacheFixture(API);

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
            JsonNode post = CACHE.http.patch("/api/posts/" + ids[p], fields("title", "w" + writer + "-" + n)).as(author).expect(200);
            acknowledged.accumulateAndGet(p, post.get("version").asLong(), Math::max);
        }, (p, n) -> CACHE.http.get("/api/posts/" + ids[p]).expect(200).get("version").asLong());
        assertThat(stale).isEmpty();
        for (int i = 0; i < POSTS; i++) {
            assertThat(CACHE.http.get("/api/posts/" + ids[i]).expect(200).get("version").asLong()).isEqualTo(acknowledged.get(i));
        }
        // The readers were really served from the cache along the way.
        assertThat(CACHE.http.get("/api/admin/cache").as(API.admin()).expect(200).get("hits").asLong()).isPositive();
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
            CACHE.http.post("/api/posts/" + ids[p] + "/comments", fields("body", "w" + writer + "-" + n)).as(commenter).expect(201);
            acknowledged.incrementAndGet(p);
        }, (p, n) -> n % 2 == 0 ? CACHE.http.get("/api/posts/" + ids[p]).expect(200).get("comment_count").asLong()
                : CACHE.countOnListPage(author, ids[p]));
        assertThat(stale).isEmpty();
        for (int i = 0; i < POSTS; i++) {
            assertThat(CACHE.http.get("/api/posts/" + ids[i]).expect(200).get("comment_count").asLong()).isEqualTo(acknowledged.get(i));
            assertThat(CACHE.countOnListPage(author, ids[i])).isEqualTo(acknowledged.get(i));
        }
    }

    /** {@value #POSTS} published posts of {@code author}'s. */
    private static long[] posts(ApiApp.Session author) {
        long[] ids = new long[POSTS];
        for (int i = 0; i < POSTS; i++) {
            ids[i] = CACHE.http.post("/api/posts", fields("title", "v1", "content", "x", "published", true)).as(author).expect(201)
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
    void noReadBySlugAfterAnAcknowledgedSlugChangeMissesThePostOrReturnsAnOlderVersion() throws Exception {
        ApiApp.Session author = API.signUp("renamer");
        long[] ids = new long[POSTS];
        AtomicReferenceArray<String> slugs = new AtomicReferenceArray<>(POSTS);
        AtomicLongArray acknowledged = new AtomicLongArray(POSTS);
        for (int i = 0; i < POSTS; i++) {
            JsonNode post = CACHE.http.post("/api/posts",
                    fields("title", "slugged " + ApiApp.unique("p"), "content", "x", "published", true)).as(author).expect(201);
            ids[i] = post.get("id").asLong();
            slugs.set(i, post.get("slug").asText());
            acknowledged.set(i, 1);
        }
        // Any slug the post was acknowledged under leads to it (its last, or a redirect to the last, followed
        // here); a read that does not find it is seen as version minus its status, below anything acknowledged.
        List<String> stale = readsBelowAcknowledged(acknowledged, (p, writer, n) -> {
            JsonNode post = CACHE.http.patch("/api/posts/" + ids[p], fields("slug", "s-" + ids[p] + "-" + writer + "-" + n))
                    .as(author).expect(200);
            slugs.set(p, post.get("slug").asText());
            acknowledged.accumulateAndGet(p, post.get("version").asLong(), Math::max);
        }, (p, n) -> {
            try (Response read = CACHE.http.get("/api/posts/by-slug/" + slugs.get(p)).send()) {
                return read.getStatus() == 200 ? JsonHttp.json(read).get("version").asLong() : -read.getStatus();
            }
        });
        assertThat(stale).isEmpty();
        for (int i = 0; i < POSTS; i++) {
            assertThat(CACHE.http.get("/api/posts/by-slug/" + slugs.get(i)).expect(200).get("version").asLong())
                    .isEqualTo(acknowledged.get(i));
        }
    }
}
