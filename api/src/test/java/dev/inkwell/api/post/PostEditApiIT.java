package dev.inkwell.api.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.JsonHttp.json;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.post.PostFixture.id;
import static dev.inkwell.api.post.PostFixture.names;
import static dev.inkwell.api.post.PostFixture.tagOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PATCH /api/posts/{id} end to end, what a change does to a post: the category is set, kept or
 * removed, tags are replaced as a set, only the fields given change, invalid values change nothing,
 * and a change that changes nothing invalidates no cache entry. Versions and If-Match:
 * {@link PostVersionsApiIT}; who may change a post, and publishing: {@link PostAccessApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostEditApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final PostFixture POSTS = new PostFixture(API);

    // --- category and tags

    @Test
    void patchWithCategoryIdNullRemovesTheCategory() {
        JsonNode post = POSTS.create(POSTS.author(), fields("title", "t", "content", "c", "published", true,
                "category_id", id(POSTS.category())));
        JsonNode updated = POSTS.patched(id(post), POSTS.author(), fields("category_id", null));
        assertThat(updated.get("category").isNull()).isTrue();
        assertThat(POSTS.stored(id(post)).get("category").isNull()).isTrue();
    }

    @Test
    void patchWithoutCategoryIdKeepsTheCategory() {
        JsonNode post = POSTS.create(POSTS.author(), fields("title", "t", "content", "c", "published", true,
                "category_id", id(POSTS.category())));
        JsonNode updated = POSTS.patched(id(post), POSTS.author(), fields("content", "changed"));
        assertThat(updated.get("category")).isEqualTo(post.get("category"));
    }

    @Test
    void patchWithACategoryIdSetsIt() {
        JsonNode post = POSTS.published("uncategorized");
        JsonNode category = POSTS.category();
        JsonNode updated = POSTS.patched(id(post), POSTS.author(), fields("category_id", id(category)));
        assertThat(updated.get("category").get("id").asLong()).isEqualTo(id(category));
    }

    @Test
    void patchWithAnUnknownCategoryIs422OnCategoryIdAndChangesNothing() {
        JsonNode post = POSTS.published("bad category");
        assertFields(assertProblem(POSTS.patch(id(post), POSTS.author(), fields("category_id", 999_999_999), null), 422), "category_id");
        assertThat(POSTS.stored(id(post))).isEqualTo(post);
    }

    @Test
    void patchWithTagsReplacesTheWholeSet() {
        String a = ApiApp.unique("a");
        String b = ApiApp.unique("b");
        String c = ApiApp.unique("c");
        JsonNode post = POSTS.create(POSTS.author(), fields("title", "t", "content", "c", "published", true, "tags", List.of(a, b)));
        JsonNode updated = POSTS.patched(id(post), POSTS.author(), fields("tags", List.of(b.toUpperCase(), c)));
        assertThat(names(updated.get("tags"))).containsExactlyInAnyOrder(b, c);
    }

    @Test
    void patchWithAnEmptyTagListRemovesAllTags() {
        JsonNode post = POSTS.create(POSTS.author(), fields("title", "t", "content", "c", "published", true,
                "tags", List.of(ApiApp.unique("x"))));
        assertThat(POSTS.patched(id(post), POSTS.author(), fields("tags", List.of())).get("tags")).isEmpty();
    }

    // --- the fields given, and no other

    @Test
    void patchByTheAuthorChangesOnlyTheGivenFieldsAndBumpsTheVersion() {
        JsonNode category = POSTS.category();
        JsonNode post = POSTS.create(POSTS.author(), fields("title", "before", "content", "body", "published", true,
                "category_id", id(category), "tags", List.of("keep-" + ApiApp.unique("t"))));
        try (Response r = POSTS.patch(id(post), POSTS.author(), fields("title", "after"), null)) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).matches(tagOf(2));
            JsonNode updated = json(r);
            assertThat(updated.get("title").asText()).isEqualTo("after");
            assertThat(updated.get("version").asLong()).isEqualTo(2);
            assertThat(updated.get("content")).isEqualTo(post.get("content"));
            assertThat(updated.get("category")).isEqualTo(post.get("category"));
            assertThat(updated.get("tags")).isEqualTo(post.get("tags"));
            assertThat(updated.get("published_at")).isEqualTo(post.get("published_at"));
            assertThat(updated.get("author")).isEqualTo(post.get("author"));
            assertThat(POSTS.stored(id(post))).isEqualTo(updated);
        }
    }

    // --- refusals

    @Test
    void patchWithAnInvalidTitleIs422AndChangesNothing() {
        JsonNode post = POSTS.published("valid");
        assertFields(assertProblem(POSTS.patch(id(post), POSTS.author(), fields("title", "t".repeat(201), "content", "ok"), null), 422),
                "title");
        assertThat(POSTS.stored(id(post))).isEqualTo(post);
    }

    @Test
    void patchWithAnUnknownFieldIs422NamingItAndChangesNothing() {
        JsonNode post = POSTS.published("strict");
        assertFields(assertProblem(POSTS.patch(id(post), POSTS.author(), fields("title", "x", "author_id", POSTS.other().id()), null), 422),
                "author_id");
        assertThat(POSTS.stored(id(post))).isEqualTo(post);
    }

    @ParameterizedTest
    @ValueSource(strings = {"title", "content", "published", "tags"})
    void patchWithNullForAFieldThatCannotBeNullIs422NamingItAndChangesNothing(String field) {
        JsonNode post = POSTS.create(POSTS.author(), fields("title", "t", "content", "c", "published", true,
                "tags", List.of(ApiApp.unique("n"))));
        assertFields(assertProblem(POSTS.patch(id(post), POSTS.author(), fields(field, null), null), 422), field);
        assertThat(POSTS.stored(id(post))).isEqualTo(post);
    }

    // --- the cache

    @Test
    void patchThatChangesNothingInvalidatesNoCacheEntryAndAChangeIsSeenAtOnce() {
        JsonNode post = POSTS.published("cached as it is");
        POSTS.http.get("/api/posts/" + id(post)).expect(200);
        long invalidations = POSTS.http.get("/api/admin/cache").as(POSTS.admin()).expect(200).get("invalidations").asLong();
        POSTS.patched(id(post), POSTS.author(), fields("title", "cached as it is"));
        assertThat(POSTS.http.get("/api/admin/cache").as(POSTS.admin()).expect(200).get("invalidations").asLong()).isEqualTo(invalidations);
        POSTS.patched(id(post), POSTS.author(), fields("title", "changed"));
        assertThat(POSTS.http.get("/api/posts/" + id(post)).expect(200).get("title").asText()).isEqualTo("changed");
    }
}
