package dev.inkwell.api.category;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.category.CategoryFixture.childIds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PATCH /api/categories/{id} end to end: only admins change a category, only the fields given
 * change, a category moves under another parent or to the root but never under itself or its own
 * descendants, names and slugs stay unique and valid, and a change that changes nothing keeps
 * updated_at and invalidates no cache entry.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CategoryEditApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final CategoryFixture CATEGORIES = new CategoryFixture(API);

    @Test
    void patchWithDescriptionNullClearsIt() {
        JsonNode category = CATEGORIES.http.post("/api/categories", fields("name", ApiApp.unique("Described"), "description", "soon gone"))
                .as(CATEGORIES.user()).expect(201);
        JsonNode cleared = CATEGORIES.http.patch("/api/categories/" + category.get("id").asLong(), fields("description", null))
                .as(CATEGORIES.admin()).expect(200);
        assertThat(cleared.get("description").isNull()).isTrue();
        assertThat(CATEGORIES.get(category.get("id").asLong()).get("description").isNull()).isTrue();
    }

    @Test
    void patchByAnAdminChangesTheGivenFieldsOnly() {
        JsonNode parent = CATEGORIES.create(ApiApp.unique("Keep"), null);
        JsonNode category = CATEGORIES.create(ApiApp.unique("Old"), parent.get("id").asLong());
        String name = ApiApp.unique("New");
        String slug = ApiApp.unique("new-slug").toLowerCase();
        JsonNode updated = CATEGORIES.http.patch("/api/categories/" + category.get("id").asLong(),
                fields("name", name, "slug", slug, "description", "fresh")).as(CATEGORIES.admin()).expect(200);
        assertThat(updated.get("name").asText()).isEqualTo(name);
        assertThat(updated.get("slug").asText()).isEqualTo(slug);
        assertThat(updated.get("description").asText()).isEqualTo("fresh");
        assertThat(updated.get("parent_id").asLong()).isEqualTo(parent.get("id").asLong());
        assertThat(CATEGORIES.get(category.get("id").asLong())).isEqualTo(updated);
    }

    @Test
    void patchWithNameOrSlugNullIs422NamingItAndChangesNothing() {
        JsonNode category = CATEGORIES.create(ApiApp.unique("Named"), null);
        long id = category.get("id").asLong();
        for (String field : List.of("name", "slug")) {
            assertFields(assertProblem(CATEGORIES.http.patch("/api/categories/" + id, fields(field, null))
                    .as(CATEGORIES.admin()).send(), 422), field);
        }
        assertThat(CATEGORIES.get(id)).isEqualTo(category);
    }

    @Test
    void patchThatChangesNothingKeepsUpdatedAtAndTheCachedPosts() {
        JsonNode category = CATEGORIES.create(ApiApp.unique("Steady"), null);
        long id = category.get("id").asLong();
        long post = CATEGORIES.http.post("/api/posts", fields("title", "t", "content", "c", "published", true, "category_id", id))
                .as(CATEGORIES.user()).expect(201).get("id").asLong();
        CATEGORIES.http.get("/api/posts/" + post).expect(200);
        String updatedAt = updatedAt(id);
        long invalidations = CATEGORIES.http.get("/api/admin/cache").as(CATEGORIES.admin()).expect(200).get("invalidations").asLong();
        JsonNode same = CATEGORIES.http.patch("/api/categories/" + id, fields("name", category.get("name").asText(),
                "slug", category.get("slug").asText(), "description", null, "parent_id", null)).as(CATEGORIES.admin()).expect(200);
        assertThat(same).isEqualTo(category);
        assertThat(updatedAt(id)).isEqualTo(updatedAt);
        assertThat(CATEGORIES.http.get("/api/admin/cache").as(CATEGORIES.admin()).expect(200).get("invalidations").asLong())
                .isEqualTo(invalidations);
    }

    /** The category's updated_at as stored, to the microsecond. */
    private static String updatedAt(long id) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT updated_at::text FROM categories WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    @Test
    void patchByANormalUserIs403AndChangesNothing() {
        JsonNode category = CATEGORIES.create(ApiApp.unique("Mine"), null);
        long id = category.get("id").asLong();
        assertProblem(CATEGORIES.http.patch("/api/categories/" + id, fields("name", ApiApp.unique("Hijack")))
                .as(CATEGORIES.user()).send(), 403);
        assertThat(CATEGORIES.get(id)).isEqualTo(category);
    }

    @Test
    void patchAnonymouslyIs401AndChangesNothing() {
        JsonNode category = CATEGORIES.create(ApiApp.unique("Anon"), null);
        long id = category.get("id").asLong();
        assertProblem(CATEGORIES.http.patch("/api/categories/" + id, fields("name", ApiApp.unique("Hijack"))).send(), 401);
        assertThat(CATEGORIES.get(id)).isEqualTo(category);
    }

    // --- moves in the tree

    @Test
    void patchWithParentIdNullMovesTheCategoryToTheRoot() {
        JsonNode parent = CATEGORIES.create(ApiApp.unique("Parent"), null);
        JsonNode child = CATEGORIES.create(ApiApp.unique("Child"), parent.get("id").asLong());
        JsonNode moved = CATEGORIES.http.patch("/api/categories/" + child.get("id").asLong(), fields("parent_id", null))
                .as(CATEGORIES.admin()).expect(200);
        assertThat(moved.get("parent_id").isNull()).isTrue();
        assertThat(CATEGORIES.get(parent.get("id").asLong()).get("children")).isEmpty();
    }

    @Test
    void patchWithoutParentIdKeepsTheParent() {
        JsonNode parent = CATEGORIES.create(ApiApp.unique("Parent"), null);
        JsonNode child = CATEGORIES.create(ApiApp.unique("Child"), parent.get("id").asLong());
        JsonNode renamed = CATEGORIES.http.patch("/api/categories/" + child.get("id").asLong(),
                fields("description", "only the description")).as(CATEGORIES.admin()).expect(200);
        assertThat(renamed.get("parent_id").asLong()).isEqualTo(parent.get("id").asLong());
        assertThat(childIds(CATEGORIES.get(parent.get("id").asLong()))).containsExactly(child.get("id").asLong());
    }

    @Test
    void patchWithParentIdMovesTheCategoryUnderAnotherParent() {
        JsonNode from = CATEGORIES.create(ApiApp.unique("From"), null);
        JsonNode to = CATEGORIES.create(ApiApp.unique("To"), null);
        JsonNode child = CATEGORIES.create(ApiApp.unique("Child"), from.get("id").asLong());
        JsonNode moved = CATEGORIES.http.patch("/api/categories/" + child.get("id").asLong(),
                fields("parent_id", to.get("id").asLong())).as(CATEGORIES.admin()).expect(200);
        assertThat(moved.get("parent_id").asLong()).isEqualTo(to.get("id").asLong());
        assertThat(CATEGORIES.get(from.get("id").asLong()).get("children")).isEmpty();
        assertThat(childIds(CATEGORIES.get(to.get("id").asLong()))).containsExactly(child.get("id").asLong());
    }

    @Test
    void patchMovingACategoryUnderItsOwnDescendantIs422OnParentIdAndChangesNothing() {
        JsonNode a = CATEGORIES.create(ApiApp.unique("A"), null);
        JsonNode b = CATEGORIES.create(ApiApp.unique("B"), a.get("id").asLong());
        JsonNode c = CATEGORIES.create(ApiApp.unique("C"), b.get("id").asLong());
        assertFields(assertProblem(CATEGORIES.http.patch("/api/categories/" + a.get("id").asLong(),
                fields("parent_id", c.get("id").asLong())).as(CATEGORIES.admin()).send(), 422), "parent_id");
        assertThat(CATEGORIES.get(a.get("id").asLong()).get("parent_id").isNull()).isTrue();
    }

    @Test
    void patchMakingACategoryItsOwnParentIs422OnParentId() {
        JsonNode a = CATEGORIES.create(ApiApp.unique("Self"), null);
        long id = a.get("id").asLong();
        assertFields(assertProblem(CATEGORIES.http.patch("/api/categories/" + id, fields("parent_id", id))
                .as(CATEGORIES.admin()).send(), 422), "parent_id");
        assertThat(CATEGORIES.get(id).get("parent_id").isNull()).isTrue();
    }

    @Test
    void patchUnderAnUnknownParentIs422OnParentId() {
        JsonNode a = CATEGORIES.create(ApiApp.unique("Lost"), null);
        assertFields(assertProblem(CATEGORIES.http.patch("/api/categories/" + a.get("id").asLong(),
                fields("parent_id", 999_999_999)).as(CATEGORIES.admin()).send(), 422), "parent_id");
        assertThat(CATEGORIES.get(a.get("id").asLong())).isEqualTo(a);
    }

    // --- invalid input

    @Test
    void patchWithAnUnknownFieldIs422NamingIt() {
        JsonNode a = CATEGORIES.create(ApiApp.unique("Strict"), null);
        assertFields(assertProblem(CATEGORIES.http.patch("/api/categories/" + a.get("id").asLong(),
                fields("colour", "red")).as(CATEGORIES.admin()).send(), 422), "colour");
    }

    @Test
    void patchToTheNameOfAnotherCategoryIs409OnName() {
        JsonNode taken = CATEGORIES.create(ApiApp.unique("Taken"), null);
        JsonNode other = CATEGORIES.create(ApiApp.unique("Other"), null);
        assertFields(assertProblem(CATEGORIES.http.patch("/api/categories/" + other.get("id").asLong(),
                fields("name", taken.get("name").asText().toLowerCase())).as(CATEGORIES.admin()).send(), 409), "name");
        assertThat(CATEGORIES.get(other.get("id").asLong())).isEqualTo(other);
    }

    @Test
    void patchOfAnUnknownIdIs404() {
        assertProblem(CATEGORIES.http.patch("/api/categories/999999999", fields("description", "x")).as(CATEGORIES.admin()).send(), 404);
    }

    @Test
    void patchWithABadSlugIs422OnSlug() {
        JsonNode a = CATEGORIES.create(ApiApp.unique("Slugged"), null);
        assertFields(assertProblem(CATEGORIES.http.patch("/api/categories/" + a.get("id").asLong(),
                fields("slug", "-bad--slug-")).as(CATEGORIES.admin()).send(), 422), "slug");
        assertThat(CATEGORIES.get(a.get("id").asLong())).isEqualTo(a);
    }
}
