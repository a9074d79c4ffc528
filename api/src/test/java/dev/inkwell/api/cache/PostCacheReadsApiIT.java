package dev.inkwell.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.persistence.testing.TestHttp;
import dev.inkwell.persistence.testing.TestRedis;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A single post read through the cache over HTTP, on a real Redis: a hit runs no SQL, an
 * anonymous hit or miss (answered before Jersey) is byte for byte what the resource answers, a
 * miss is one statement whatever it finds, a cached post still checks credentials, types and
 * paths, a hundred concurrent misses run one query, and only admins see the cache's stats.
 * Writes that must reach the cache: {@link PostCacheInvalidationApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostCacheReadsApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final PostCacheFixture POSTS = new PostCacheFixture(API);

    @Test
    void aCachedReadRunsNoSqlAndAnswersTheSameBodyAndEtag() {
        long id = POSTS.post();
        POSTS.sql().clear();
        try (Response miss = POSTS.http.get("/api/posts/" + id).send()) {
            // The miss's one read runs without a Jdbi handle: the statement log must see it all the same.
            assertThat(POSTS.sql().statements()).as("statements of a miss").singleElement().asString().startsWith("/* PostReads.findById */ ");
            POSTS.sql().clear();
            try (Response hit = POSTS.http.get("/api/posts/" + id).send()) {
                assertThat(POSTS.sql().statements()).isEmpty();
                assertThat(hit.getStatus()).isEqualTo(200);
                assertThat(hit.getMediaType().toString()).startsWith("application/json");
                assertThat(hit.getEntityTag()).isEqualTo(miss.getEntityTag());
                assertThat(hit.readEntity(String.class)).isEqualTo(miss.readEntity(String.class));
            }
        }
    }

    /**
     * Anonymous hits are answered before Jersey ({@code PostReadFilter}), reads with a token by
     * the resource: both must give the same answer for the same entry.
     */
    @Test
    void anAnonymousHitAnswersExactlyWhatTheResourceAnswers() {
        long id = POSTS.post(List.of("same", "bytes"));
        POSTS.cached(id);
        long jerseySaw = API.jerseyRequests();
        try (Response anonymous = POSTS.http.get("/api/posts/" + id).send();
             Response signedIn = POSTS.http.get("/api/posts/" + id).as(POSTS.author()).send();
             Response anyType = API.client().target(API.url("/api/posts/" + id)).request("*/*")
                     .header("Accept-Encoding", "identity").get()) {
            assertThat(API.jerseyRequests()).as("the signed-in read alone reached Jersey").isEqualTo(jerseySaw + 1);
            for (Response r : List.of(anonymous, anyType)) {
                assertThat(r.getStatus()).isEqualTo(signedIn.getStatus()).isEqualTo(200);
                assertThat(r.getHeaderString("Content-Type")).isEqualTo(signedIn.getHeaderString("Content-Type"));
                assertThat(r.getHeaderString("ETag")).isEqualTo(signedIn.getHeaderString("ETag")).matches("\"1-[0-9a-f]{16}\"");
                // Only who may keep it differs: the signed-in reader's answer is theirs alone (they may see drafts).
                assertThat(r.getHeaderString("Cache-Control")).isEqualTo("public, no-cache");
                assertThat(signedIn.getHeaderString("Cache-Control")).isEqualTo("private, no-cache");
                assertThat(r.getHeaderString("Content-Length")).isEqualTo(signedIn.getHeaderString("Content-Length"));
                assertThat(r.readEntity(byte[].class)).isEqualTo(signedIn.readEntity(byte[].class));
            }
        }
    }

    /**
     * A miss, too, answers the same before Jersey (anonymous) as in the resource (signed in):
     * the post's entry is dropped between the two reads, so each reads PostgreSQL.
     */
    @Test
    void anAnonymousMissAnswersExactlyWhatTheResourcesMissAnswers() {
        long id = POSTS.post(List.of("miss", "bytes"));
        long jerseySaw = API.jerseyRequests();
        try (Response anonymous = POSTS.http.get("/api/posts/" + id).send()) {
            assertThat(API.jerseyRequests()).as("the anonymous miss answered before Jersey").isEqualTo(jerseySaw);
            try (RedisClient redis = TestRedis.get().client()) {
                // The post's entry, whatever version its key format is at (post:v1:<id>).
                Set<String> entry = redis.keys(APP.getConfiguration().getCache().getNamespace() + ":post:*:" + id);
                assertThat(entry).hasSize(1);
                assertThat(redis.del(entry.toArray(String[]::new))).isEqualTo(1);
            }
            POSTS.sql().clear();
            try (Response signedIn = POSTS.http.get("/api/posts/" + id).as(POSTS.author()).send()) {
                assertThat(POSTS.sql().statements()).as("post reads of the resource's miss (besides the token's)")
                        .filteredOn(q -> q.contains("PostReads.findById")).hasSize(1);
                assertThat(anonymous.getStatus()).isEqualTo(signedIn.getStatus()).isEqualTo(200);
                for (String header : List.of("Content-Type", "ETag", "Content-Length")) {
                    assertThat(anonymous.getHeaderString(header)).as(header).isEqualTo(signedIn.getHeaderString(header)).isNotNull();
                }
                assertThat(anonymous.readEntity(byte[].class)).isEqualTo(signedIn.readEntity(byte[].class));
            }
        }
    }

    /**
     * An anonymous miss is read (and cached) before Jersey as well; a read that finds no
     * published post goes on to the resource with what it found, which answers from it: one
     * statement for each, whatever it finds, and the resource's 404 for a draft or no post.
     */
    @Test
    void anAnonymousMissIsOneStatementWhateverItFinds() {
        long published = POSTS.post();
        long draft = POSTS.post(null, List.of(), false);
        POSTS.sql().clear();
        try (Response miss = POSTS.http.get("/api/posts/" + published).send()) {
            assertThat(miss.getStatus()).isEqualTo(200);
            assertThat(miss.getHeaderString("ETag")).matches("\"1-[0-9a-f]{16}\"");
            assertThat(JsonHttp.json(miss).get("id").asLong()).isEqualTo(published);
        }
        assertThat(POSTS.sql().statements()).as("statements of an anonymous miss").hasSize(1);
        for (long id : List.of(draft, published + 1_000_000)) {
            POSTS.sql().clear();
            assertProblem(POSTS.http.get("/api/posts/" + id).send(), 404);
            assertThat(POSTS.sql().statements()).as("statements of an anonymous read of " + id).hasSize(1);
        }
        POSTS.sql().clear();
        assertProblem(POSTS.http.get("/api/posts/" + draft).send(), 404);
        assertThat(POSTS.sql().statements()).as("statements of a second anonymous read of a draft: cached").isEmpty();
        assertThat(POSTS.http.get("/api/posts/" + draft).as(POSTS.author()).expect(200).get("published").asBoolean()).isFalse();
    }

    @Test
    void aCachedPostStillChecksCredentialsAndNegotiatesTheType() {
        long id = POSTS.post();
        POSTS.cached(id);
        assertProblem(POSTS.http.get("/api/posts/" + id).token("not-a-token").send(), 401);
        assertProblem(POSTS.http.get("/api/posts/" + id).header("Authorization", "Basic eDp5").send(), 401);
        // Outside the OpenAPI document (Jersey answers these for every operation), so a plain client.
        assertThat(raw("GET", id, "Accept", "text/html").status()).isEqualTo(406);
        assertThat(raw("GET", id, "Accept", "text/html", "Accept", "application/json").status()).isEqualTo(200);
        TestHttp.Answer head = raw("HEAD", id, "Accept", "application/json");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).matches("\"1-[0-9a-f]{16}\""));
        assertThat(head.body()).isEmpty();
    }

    private static TestHttp.Answer raw(String method, long id, String... headers) {
        return TestHttp.request(method, API.url("/api/posts/" + id), null).addHeaders(headers).send();
    }

    @Test
    void pathsThatAreNotAPlainIdAreTheResourcesToAnswer() {
        long id = POSTS.post();
        POSTS.cached(id);
        assertThat(POSTS.http.get("/api/posts/00" + id).expect(200).get("id").asLong()).isEqualTo(id);
        assertProblem(POSTS.http.get("/api/posts/" + id + "x").send(), 400);
        assertProblem(POSTS.http.get("/api/posts/99999999999999999999").send(), 400);
        assertProblem(POSTS.http.get("/api/posts/" + (id + 1_000_000)).send(), 404);
    }

    @Test
    void aHundredConcurrentMissesOfOnePostRunOneQuery() throws Exception {
        long id = POSTS.post(null, List.of("a", "b"), true);
        POSTS.sql().clear();
        List<Callable<Integer>> readers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            readers.add(() -> {
                try (Response r = POSTS.http.get("/api/posts/" + id).send()) {
                    return r.getStatus();
                }
            });
        }
        assertThat(JsonHttp.together(readers)).allSatisfy(status -> assertThat(status).isEqualTo(200));
        assertThat(POSTS.sql().statements()).as("statements of 100 concurrent reads of one uncached post").hasSize(1);
    }

    @Test
    void adminsSeeTheCacheStatsOthersDoNot() {
        long id = POSTS.post();
        POSTS.cached(id);
        JsonNode stats = POSTS.http.get("/api/admin/cache").as(POSTS.admin()).expect(200);
        assertThat(stats.get("breaker").asText()).isEqualTo("closed");
        assertThat(stats.get("hits").asLong()).isPositive();
        assertThat(stats.get("fills").asLong()).isPositive();
        double hits = stats.get("hits").asLong();
        assertThat(stats.get("hit_ratio").asDouble()).isCloseTo(hits / (hits + stats.get("misses").asLong()), within(1e-9));
        assertThat(stats.get("redis_keys").asLong()).isPositive();
        assertThat(stats.get("pool").get("max").asInt()).isPositive();
        assertProblem(POSTS.http.get("/api/admin/cache").as(POSTS.author()).send(), 403);
        assertProblem(POSTS.http.get("/api/admin/cache").send(), 401);
    }
}
