package dev.inkwell.api.category;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.category.CategoryFixture.childIds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DELETE /api/categories/{id} end to end: only admins delete, never a category that has children,
 * and the posts of a deleted category stay, uncategorized.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CategoryDeleteApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final CategoryFixture CATEGORIES = new CategoryFixture(API);

    @Test
    void deleteByAnAdminIs204AndTheCategoryIsGone() {
        JsonNode a = CATEGORIES.create(ApiApp.unique("Doomed"), null);
        long id = a.get("id").asLong();
        try (Response r = CATEGORIES.http.delete("/api/categories/" + id).as(CATEGORIES.admin()).send()) {
            assertThat(r.getStatus()).isEqualTo(204);
        }
        assertProblem(CATEGORIES.http.get("/api/categories/" + id).send(), 404);
    }

    @Test
    void deleteByANormalUserIs403AndKeepsTheCategory() {
        JsonNode a = CATEGORIES.create(ApiApp.unique("Kept"), null);
        assertProblem(CATEGORIES.http.delete("/api/categories/" + a.get("id").asLong()).as(CATEGORIES.user()).send(), 403);
        assertThat(CATEGORIES.get(a.get("id").asLong())).isEqualTo(a);
    }

    @Test
    void deleteAnonymouslyIs401AndKeepsIt() {
        JsonNode a = CATEGORIES.create(ApiApp.unique("Kept"), null);
        assertProblem(CATEGORIES.http.delete("/api/categories/" + a.get("id").asLong()).send(), 401);
        assertThat(CATEGORIES.get(a.get("id").asLong())).isEqualTo(a);
    }

    @Test
    void deleteOfACategoryWithChildrenIs409AndKeepsBoth() {
        JsonNode parent = CATEGORIES.create(ApiApp.unique("Busy"), null);
        JsonNode child = CATEGORIES.create(ApiApp.unique("Kid"), parent.get("id").asLong());
        assertProblem(CATEGORIES.http.delete("/api/categories/" + parent.get("id").asLong()).as(CATEGORIES.admin()).send(), 409);
        assertThat(childIds(CATEGORIES.get(parent.get("id").asLong()))).containsExactly(child.get("id").asLong());
    }

    @Test
    void deleteOfAnUnknownIdIs404() {
        assertProblem(CATEGORIES.http.delete("/api/categories/999999999").as(CATEGORIES.admin()).send(), 404);
    }

    @Test
    void deletingACategoryLeavesItsPostsUncategorized() {
        JsonNode category = CATEGORIES.create(ApiApp.unique("Vanishing"), null);
        long categoryId = category.get("id").asLong();
        JsonNode post = CATEGORIES.http.post("/api/posts", fields("title", "kept", "content", "body", "published", true,
                "category_id", categoryId)).as(CATEGORIES.user()).expect(201);
        assertThat(post.get("category").get("id").asLong()).isEqualTo(categoryId);

        try (Response r = CATEGORIES.http.delete("/api/categories/" + categoryId).as(CATEGORIES.admin()).send()) {
            assertThat(r.getStatus()).isEqualTo(204);
        }

        JsonNode after = CATEGORIES.http.get("/api/posts/" + post.get("id").asLong()).expect(200);
        assertThat(after.get("category").isNull()).isTrue();
        assertThat(after.get("title").asText()).isEqualTo("kept");
    }
}
