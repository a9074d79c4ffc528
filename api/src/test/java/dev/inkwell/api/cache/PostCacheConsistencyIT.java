package dev.inkwell.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLongArray;

import static dev.inkwell.api.JsonHttp.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers and readers on the same few posts at once, through HTTP: no read that starts after a
 * write was acknowledged returns a version older than that write (read-your-writes across
 * clients, the invariant the cache must not break).
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
        long[] ids = new long[POSTS];
        for (int i = 0; i < POSTS; i++) {
            ids[i] = HTTP.post("/api/posts", fields("title", "v1", "content", "x", "published", true)).as(author).expect(201)
                    .get("id").asLong();
        }
        // Highest version acknowledged to any writer so far, per post.
        AtomicLongArray acknowledged = new AtomicLongArray(POSTS);
        for (int i = 0; i < POSTS; i++) {
            acknowledged.set(i, 1);
        }
        List<Callable<List<String>>> clients = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            clients.add(() -> {
                for (int n = 0; n < WRITES_EACH; n++) {
                    int p = (writer + n) % POSTS;
                    JsonNode post = HTTP.patch("/api/posts/" + ids[p], fields("title", "w" + writer + "-" + n)).as(author).expect(200);
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
                    long seen = HTTP.get("/api/posts/" + ids[p]).expect(200).get("version").asLong();
                    if (seen < floor) {
                        stale.add("post " + ids[p] + ": read version " + seen + " after version " + floor + " was acknowledged");
                    }
                }
                return stale;
            });
        }
        List<String> stale = JsonHttp.together(clients).stream().flatMap(List::stream).toList();
        assertThat(stale).isEmpty();
        for (int i = 0; i < POSTS; i++) {
            assertThat(HTTP.get("/api/posts/" + ids[i]).expect(200).get("version").asLong()).isEqualTo(acknowledged.get(i));
        }
        // The readers were really served from the cache along the way.
        assertThat(HTTP.get("/api/admin/cache").as(API.admin()).expect(200).get("hits").asLong()).isPositive();
    }
}
