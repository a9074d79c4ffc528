package dev.inkwell.api.tag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.NameOrderedPages;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/tags and /api/tags/{id} end to end: the list paged in name order with a new tag on it,
 * the bounds of its pages, and 404 for an id no tag has. Tags made: {@link TagCreateApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TagReadApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final TagFixture TAGS = new TagFixture(API);

    @Test
    void listIsPagedInNameOrder() {
        TAGS.create(ApiApp.unique("paged"));
        TAGS.create(ApiApp.unique("paged"));
        NameOrderedPages.assertPagedOneByOneInNameOrder(API, "/api/tags", "tags");
    }

    @Test
    void listContainsACreatedTag() {
        JsonNode tag = TAGS.create(ApiApp.unique("listed"));
        List<JsonNode> all = new ArrayList<>();
        JsonNode page;
        int n = 1;
        do {
            page = TAGS.http.get("/api/tags?per_page=100&page=" + n++).expect(200);
            page.get("items").forEach(all::add);
        } while (n <= page.get("pages").asInt());
        assertThat(all).contains(tag);
    }

    @Test
    void listWithPageZeroIs422() {
        assertFields(assertProblem(TAGS.http.get("/api/tags?page=0").send(), 422), "page");
    }

    @Test
    void listWithPerPageOver100Is422() {
        assertFields(assertProblem(TAGS.http.get("/api/tags?per_page=101").send(), 422), "per_page");
    }

    @Test
    void getOfAnUnknownIdIs404() {
        assertProblem(TAGS.http.get("/api/tags/999999999").send(), 404);
    }
}
