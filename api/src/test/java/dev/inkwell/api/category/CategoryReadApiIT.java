package dev.inkwell.api.category;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.api.NameOrderedPages;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.category.CategoryFixture.childIds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/categories and /api/categories/{id} end to end: each category with its children in name
 * order, the list paged in name order, and the bounds of its pages.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CategoryReadApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final CategoryFixture CATEGORIES = new CategoryFixture(API);

    // --- GET /api/categories

    @Test
    void listDefaultsToTwentyPerPage() {
        for (int i = 0; i < 21; i++) {
            CATEGORIES.create(ApiApp.unique("Twenty"), null);
        }
        JsonNode page = CATEGORIES.http.get("/api/categories").expect(200);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("per_page").asInt()).isEqualTo(20);
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(21);
        assertThat(page.get("items")).hasSize(20);
    }

    @Test
    void listIsPagedByPageAndPerPageInNameOrder() {
        CATEGORIES.create(ApiApp.unique("Paged"), null);
        CATEGORIES.create(ApiApp.unique("Paged"), null);
        NameOrderedPages.assertPagedOneByOneInNameOrder(API, "/api/categories", "categories");
    }

    @Test
    void listShowsEachCategoryWithItsChildren() {
        JsonNode parent = CATEGORIES.create(ApiApp.unique("Parent"), null);
        long parentId = parent.get("id").asLong();
        JsonNode b = CATEGORIES.create(ApiApp.unique("b-child"), parentId);
        JsonNode a = CATEGORIES.create(ApiApp.unique("a-child"), parentId);

        JsonNode listed = null;
        JsonNode page;
        int n = 1;
        do {
            page = CATEGORIES.http.get("/api/categories?per_page=100&page=" + n++).expect(200);
            for (JsonNode item : page.get("items")) {
                if (item.get("id").asLong() == parentId) {
                    listed = item;
                }
            }
        } while (n <= page.get("pages").asInt());

        assertThat(listed).as("the parent on some page").isNotNull();
        assertThat(listed.get("children")).hasSize(2);
        assertThat(listed.get("children").get(0).get("id").asLong()).isEqualTo(a.get("id").asLong());
        assertThat(listed.get("children").get(0).get("name").asText()).isEqualTo(a.get("name").asText());
        assertThat(listed.get("children").get(0).get("slug").asText()).isEqualTo(a.get("slug").asText());
        assertThat(listed.get("children").get(1).get("id").asLong()).isEqualTo(b.get("id").asLong());
    }

    @Test
    void listWithPerPageOver100Is422() {
        assertFields(assertProblem(CATEGORIES.http.get("/api/categories?per_page=101").send(), 422), "per_page");
    }

    @Test
    void listWithPageZeroIs422() {
        assertFields(assertProblem(CATEGORIES.http.get("/api/categories?page=0").send(), 422), "page");
    }

    // --- GET /api/categories/{id}

    @Test
    void getShowsTheCategoryWithItsChildren() {
        JsonNode parent = CATEGORIES.create(ApiApp.unique("Root"), null);
        JsonNode c1 = CATEGORIES.create(ApiApp.unique("c1"), parent.get("id").asLong());
        JsonNode c2 = CATEGORIES.create(ApiApp.unique("c2"), parent.get("id").asLong());
        JsonNode got = CATEGORIES.get(parent.get("id").asLong());
        assertThat(got.get("name").asText()).isEqualTo(parent.get("name").asText());
        assertThat(got.get("slug").asText()).isEqualTo(parent.get("slug").asText());
        assertThat(childIds(got)).containsExactly(c1.get("id").asLong(), c2.get("id").asLong());
    }

    @Test
    void getOfAnUnknownIdIs404() {
        assertProblem(CATEGORIES.http.get("/api/categories/999999999").send(), 404);
    }
}
