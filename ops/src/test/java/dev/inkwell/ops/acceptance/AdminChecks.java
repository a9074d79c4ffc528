package dev.inkwell.ops.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin-only endpoints, the read-only reports and the OpenAPI document. */
abstract class AdminChecks extends Checks {

    @Test
    void adminEndpointsAnswerAdminsOnly() {
        for (String path : new String[] {"admin/db-stats", "admin/cache", "admin/backups"}) {
            problem(send("GET", path, null, null), 401);
            problem(send("GET", path, accounts.reader, null), 403);
            expect(send("GET", path, accounts.admin, null), 200);
        }
        problem(send("POST", "admin/backups", accounts.writer, null), 403);
        problem(send("POST", "users/bulk", accounts.writer, List.of(Map.of("username", unique("never"), "email", "n@example.com"))), 403);
    }

    @Test
    void postsPerCategoryCountsPublishedPosts() {
        String name = unique("Counted");
        long category = create("categories", accounts.writer, Map.of("name", name)).get("id").asLong();
        create("posts", accounts.writer, Map.of("title", "counted", "content", "1234567890", "category_id", category, "published", true));
        create("posts", accounts.writer, Map.of("title", "draft", "content", "1", "category_id", category, "published", false));
        JsonNode report = expect(send("GET", "analytics/posts-per-category", null, null), 200);
        assertThat(report.isArray()).isTrue();
        JsonNode row = null;
        for (JsonNode r : report) {
            if (r.get("category").asText().equals(name)) {
                row = r;
            }
        }
        assertThat(row).as("the category's row in %s", report).isNotNull();
        assertThat(row.get("post_count").asLong()).isEqualTo(1);
        assertThat(row.get("avg_content_length").asDouble()).isEqualTo(10.0);
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        JsonNode document = expect(send("GET", "openapi.json", null, null), 200);
        assertThat(document.get("openapi").asText()).startsWith("3.");
        JsonNode paths = document.get("paths");
        for (String path : new String[] {"/api/posts", "/api/posts/{id}", "/api/posts/bulk-update", "/api/jobs/{id}", "/api/users",
                                         "/api/users/{id}", "/api/users/bulk", "/api/users/{id}/profile", "/api/tokens",
                                         "/api/categories", "/api/categories/{id}", "/api/tags", "/api/tags/{id}"}) {
            assertThat(paths.has(path)).as("%s in the paths", path).isTrue();
        }
        assertThat(paths.get("/api/posts").has("get")).isTrue();
        assertThat(paths.get("/api/posts").has("post")).isTrue();
    }

    /** DESIGN.md section 3: "an operationId per operation", from which a client is generated. */
    @Test
    void everyOperationOfTheOpenApiDocumentHasItsOwnOperationId() {
        JsonNode paths = expect(send("GET", "openapi.json", null, null), 200).get("paths");
        Set<String> operationIds = new HashSet<>();
        List<String> without = new ArrayList<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (String method : new String[] {"get", "post", "put", "patch", "delete"}) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operations++;
                    if (operation.hasNonNull("operationId")) {
                        operationIds.add(operation.get("operationId").asText());
                    } else {
                        without.add(method.toUpperCase() + " " + path.getKey());
                    }
                }
            }
        }
        assertThat(without).as("operations without an operationId").isEmpty();
        assertThat(operationIds).as("one operationId per operation").hasSize(operations);
    }
}
