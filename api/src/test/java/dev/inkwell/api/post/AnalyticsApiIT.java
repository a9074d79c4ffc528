package dev.inkwell.api.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/analytics/posts-per-category end to end: published posts only, averages as JSON numbers. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AnalyticsApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    static ApiApp.Session author;

    @BeforeAll
    static void signIn() {
        author = API.signUp("analyst");
    }

    private static long category() {
        return API.category("Stats").get("id").asLong();
    }

    private static long post(long categoryId, String content, boolean published) {
        return HTTP.post("/api/posts", fields("title", "t", "content", content, "published", published, "category_id", categoryId))
                .as(author).expect(201).get("id").asLong();
    }

    private static JsonNode report() {
        JsonNode report = HTTP.get("/api/analytics/posts-per-category").expect(200);
        assertThat(report.isArray()).isTrue();
        return report;
    }

    private static JsonNode rowOf(long categoryId) {
        for (JsonNode row : report()) {
            if (row.get("category_id").asLong() == categoryId) {
                return row;
            }
        }
        throw new AssertionError("category " + categoryId + " is not in the report");
    }

    @Test
    void countsOnlyPublishedPostsAndAveragesTheirContentLength() {
        long category = category();
        post(category, "x".repeat(10), true);
        post(category, "x".repeat(21), true);
        post(category, "x".repeat(1000), false);

        JsonNode row = rowOf(category);
        assertThat(row.get("post_count").asLong()).isEqualTo(2);
        assertThat(row.get("avg_content_length").isNumber()).as("a JSON number: %s", row).isTrue();
        assertThat(row.get("avg_content_length").asDouble()).isEqualTo(15.5);
    }

    @Test
    void eachRowNamesItsCategory() {
        String name = ApiApp.unique("Named");
        long category = HTTP.post("/api/categories", fields("name", name)).as(author).expect(201).get("id").asLong();
        post(category, "abc", true);
        JsonNode row = rowOf(category);
        assertThat(row.get("category").asText()).isEqualTo(name);
    }

    @Test
    void aCategoryWithOnlyDraftsIsListedWithZeroPostsAndAZeroAverage() {
        long category = category();
        post(category, "draft content", false);
        JsonNode row = rowOf(category);
        assertThat(row.get("post_count").asLong()).isZero();
        assertThat(row.get("avg_content_length").isNumber()).as("a JSON number: %s", row).isTrue();
        assertThat(row.get("avg_content_length").asDouble()).isZero();
    }

    @Test
    void theAverageCountsCharactersNotBytes() {
        long category = category();
        post(category, "ééé", true);
        post(category, "日本語日本", true);
        assertThat(rowOf(category).get("avg_content_length").asDouble()).isEqualTo(4.0);
    }

    @Test
    void theAverageIsRoundedToTwoDecimals() {
        long category = category();
        post(category, "a", true);
        post(category, "a", true);
        post(category, "aa", true);
        assertThat(rowOf(category).get("avg_content_length").asDouble()).isEqualTo(1.33);
    }

    @Test
    void unpublishingAPostTakesItOutOfTheCount() {
        long category = category();
        post(category, "stays", true);
        long leaving = post(category, "leaves", true);
        assertThat(rowOf(category).get("post_count").asLong()).isEqualTo(2);

        HTTP.patch("/api/posts/" + leaving, fields("published", false)).as(author).expect(200);

        assertThat(rowOf(category).get("post_count").asLong()).isEqualTo(1);
    }

    @Test
    void rowsAreOrderedByPostCountDescending() {
        long busy = category();
        for (int i = 0; i < 3; i++) {
            post(busy, "busy " + i, true);
        }
        List<Long> counts = new ArrayList<>();
        report().forEach(row -> counts.add(row.get("post_count").asLong()));
        assertThat(counts).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(report().get(0).get("post_count").asLong()).isGreaterThanOrEqualTo(3);
    }
}
