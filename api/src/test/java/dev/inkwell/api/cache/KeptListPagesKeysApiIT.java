package dev.inkwell.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.persistence.cache.CachedShape;
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

import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.cache.PostCacheFixture.FAMILIES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests keep a page of the user, category and tag lists, and under which name, on a real
 * Redis: one family per table, a page named by its parameters; invalid parameters and a cursor that
 * does not decode are problems that keep no page; requests that are not plainly a page are Jersey's
 * and answer the page they name, never one kept under another name. What a kept page answers:
 * {@link KeptListPagesAnswersApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class KeptListPagesKeysApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final PostCacheFixture CACHE = new PostCacheFixture(API);

    @ParameterizedTest
    @ValueSource(strings = {"page=0", "page=10001", "per_page=0", "per_page=101", "page=-1", "per_page=x", "page=1.5"})
    void invalidParametersAreStillProblemsAndKeepNoPage(String query) {
        int status = query.contains("x") || query.contains(".") ? 400 : 422;
        for (String list : List.of("/api/users", "/api/categories", "/api/tags")) {
            for (int i = 0; i < 2; i++) {
                assertProblem(CACHE.http.get(list + "?" + query).send(), status);
            }
        }
        try (RedisClient redis = TestRedis.get().client()) {
            for (String family : FAMILIES) {
                assertThat(redis.hkeys(API.namespace() + ":" + family)).noneMatch(k -> k.contains(query));
            }
        }
    }

    @Test
    void requestsNotPlainlyAPageAreJerseysAndAnswerTheSamePage() {
        JsonNode page = CACHE.kept("/api/tags?per_page=2&page=1");
        for (String other : List.of("/api/tags?page=01&per_page=2", "/api/tags?per_page=2&page=1&x=y", "/api/tags?per_page=2&page=1&")) {
            long jerseySaw = API.jerseyRequests();
            assertThat(CACHE.http.get(other).expect(200)).as(other).isEqualTo(page);
            assertThat(API.jerseyRequests()).as("%s answered by Jersey", other).isEqualTo(jerseySaw + 1);
        }
        // Jersey takes the first of repeated parameters: never a page kept under another name.
        assertThat(CACHE.http.get("/api/tags?per_page=2&page=1&page=2").expect(200)).isEqualTo(page);
        assertThat(CACHE.http.get("/api/tags?per_page=2&page=2").expect(200)).isNotEqualTo(page);
    }

    /** The same page of each list, each kept in its own table's family (so never answered for another list). */
    @Test
    void keptPagesAreOneFamilyPerTable() {
        for (String list : List.of("/api/users", "/api/categories", "/api/tags")) {
            CACHE.kept(list + "?per_page=7");
        }
        try (RedisClient redis = TestRedis.get().client()) {
            for (String family : FAMILIES) {
                assertThat(redis.hkeys(API.namespace() + ":" + family)).as(family).contains("=page=1\nper_page=7");
            }
        }
    }

    @Test
    void aCursorThatDoesNotDecodeKeepsNoPage() {
        assertProblem(CACHE.http.get("/api/tags?cursor=garbage").send(), 422);
        try (RedisClient redis = TestRedis.get().client()) {
            assertThat(redis.hkeys(API.namespace() + ":" + CachedShape.TAG_PAGES.key())).noneMatch(k -> k.contains("garbage"));
        }
    }
}
