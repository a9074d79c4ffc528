package dev.inkwell.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.persistence.testing.TestHttp;
import dev.inkwell.persistence.testing.TestRedis;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.RedisClient;

import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.cache.PostCacheFixture.FAMILIES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a kept page of the user, category and tag lists answers, through HTTP on a real Redis: before
 * Jersey, the resource's answer byte for byte, whether the page was kept or built, numbered or after
 * a cursor, with its Link; a signed-in reader's own e-mail address, which the kept page of anonymous
 * readers never holds; and 401 for a bad token. Kept pages after a write:
 * {@link KeptListPagesInvalidationApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class KeptListPagesAnswersApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final PostCacheFixture CACHE = new PostCacheFixture(API);

    @Test
    void signedInReadersSeeTheirOwnEmailAndAnonymousReadersNever() {
        ApiApp.Session reader = API.signUp("reader");
        String page = CACHE.lastUser();
        assertThat(CACHE.http.get(page).as(reader).expect(200).get("items").get(0).get("email").asText())
                .isEqualTo(reader.username().toLowerCase() + "@example.com");
        assertThat(CACHE.kept(page).get("items").get(0).has("email")).isFalse();
        assertThat(CACHE.http.get(page).as(reader).expect(200).get("items").get(0).has("email")).isTrue();
    }

    /**
     * Before Jersey (plain anonymous JSON), through Jersey (an Accept it negotiates, a token):
     * the same answer, whether the page was kept or built by the request; for users, Jersey's
     * own writing of a signed-in reader's page whose users are not the reader's to see.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/users?per_page=2", "/api/categories", "/api/tags?page=1&per_page=3"})
    void theAnswerBeforeJerseyIsTheResourcesByteForByte(String path) {
        API.insertUsers("filler", 2);
        CACHE.http.post("/api/categories", fields("name", ApiApp.unique("Same"))).as(CACHE.author()).expect(201);
        CACHE.http.post("/api/tags", fields("name", ApiApp.unique("same"))).as(CACHE.author()).expect(201);
        ApiApp.Session other = API.signUp("other");
        for (boolean built : List.of(true, false)) {
            if (built) {
                dropKeptPages();
            }
            long jerseySaw = API.jerseyRequests();
            TestHttp.Answer fast = raw(path, "Accept", "application/json");
            assertThat(API.jerseyRequests()).as("answered before Jersey").isEqualTo(jerseySaw);
            List<TestHttp.Answer> jersey = List.of(raw(path, "Accept", "application/json;q=0.9"),
                    raw(path, "Accept", "application/json", "Authorization", "Bearer " + other.token()));
            assertThat(API.jerseyRequests()).as("both answered by Jersey").isEqualTo(jerseySaw + 2);
            for (TestHttp.Answer slow : jersey) {
                assertThat(fast.status()).isEqualTo(slow.status()).isEqualTo(200);
                for (String header : List.of("Content-Type", "Content-Length", "Link", "ETag", "Vary")) {
                    assertThat(fast.headers().allValues(header)).as(header).isEqualTo(slow.headers().allValues(header));
                }
                assertThat(new String(fast.body())).isEqualTo(new String(slow.body()));
            }
            // Shared caches may keep what every reader is shown alike; a signed-in reader's CACHE.author() list is theirs.
            assertThat(fast.header("Cache-Control")).isEqualTo(jersey.get(0).header("Cache-Control")).isEqualTo("public, no-cache");
            assertThat(jersey.get(1).header("Cache-Control")).isEqualTo(path.startsWith("/api/users") ? "private, no-cache" : "public, no-cache");
        }
    }

    private static void dropKeptPages() {
        try (RedisClient redis = TestRedis.get().client()) {
            for (String family : FAMILIES) {
                redis.del(API.namespace() + ":" + family);
            }
        }
    }

    private static TestHttp.Answer raw(String path, String... headers) {
        return TestHttp.get(API.url(path)).addHeaders(headers).header("Accept-Encoding", "identity").send();
    }

    /** A token is checked before a CACHE.author() page is answered (the category and tag lists take no caller at all). */
    @Test
    void invalidCredentialsAreStill401() {
        CACHE.http.get("/api/users").expect(200);
        assertProblem(CACHE.http.get("/api/users").token("not-a-token").send(), 401);
    }

    /**
     * A page after a cursor is kept as a numbered page is (named by its cursor), with its next
     * cursor: the kept answer, before Jersey, is the resource's with the same {@code Link}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/users", "/api/categories", "/api/tags"})
    void aCursorPageIsKeptWithItsLinkAndAnsweredBeforeJerseyAsTheResourceAnswersIt(String list) {
        API.insertUsers("filler", 3);
        for (int i = 0; i < 3; i++) {
            CACHE.http.post("/api/categories", fields("name", ApiApp.unique("Walk"))).as(CACHE.author()).expect(201);
            CACHE.http.post("/api/tags", fields("name", ApiApp.unique("walk"))).as(CACHE.author()).expect(201);
        }
        String cursor = CACHE.http.get(list + "?per_page=1").expect(200).get("next_cursor").asText();
        String path = list + "?per_page=1&cursor=" + cursor;
        JsonNode page = CACHE.kept(path);
        assertThat(page.get("next_cursor").isTextual()).isTrue();
        long jerseySaw = API.jerseyRequests();
        TestHttp.Answer fast = raw(path, "Accept", "application/json");
        assertThat(API.jerseyRequests()).as("answered before Jersey").isEqualTo(jerseySaw);
        TestHttp.Answer slow = raw(path, "Accept", "application/json;q=0.9");
        assertThat(API.jerseyRequests()).as("answered by Jersey").isEqualTo(jerseySaw + 1);
        assertThat(fast.headers().allValues("Link")).hasSize(1).isEqualTo(slow.headers().allValues("Link"));
        assertThat(fast.headers().allValues("Link").get(0)).contains("cursor=" + page.get("next_cursor").asText());
        assertThat(new String(fast.body())).isEqualTo(new String(slow.body()));
        try (RedisClient redis = TestRedis.get().client()) {
            String family = FAMILIES.get(List.of("/api/users", "/api/categories", "/api/tags").indexOf(list));
            assertThat(redis.hkeys(API.namespace() + ":" + family)).anyMatch(k -> k.endsWith("=cursor=" + cursor + "\nper_page=1"));
        }
    }

    @Test
    void aKeptNumberedPageKeepsItsLink() {
        CACHE.http.post("/api/tags", fields("name", ApiApp.unique("linked"))).as(CACHE.author()).expect(201);
        CACHE.http.post("/api/tags", fields("name", ApiApp.unique("linked"))).as(CACHE.author()).expect(201);
        List<String> built = raw("/api/tags?per_page=1", "Accept", "application/json").headers().allValues("Link");
        CACHE.kept("/api/tags?per_page=1");
        assertThat(built).hasSize(1);
        assertThat(raw("/api/tags?per_page=1", "Accept", "application/json").headers().allValues("Link")).isEqualTo(built);
    }
}
