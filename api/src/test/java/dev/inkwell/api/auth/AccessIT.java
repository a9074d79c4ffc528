package dev.inkwell.api.auth;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Where credentials may come from, and that admin-only answers do not depend on the input. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccessIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    static ApiApp.Session user;
    static long published;

    @BeforeAll
    static void fixtures() {
        user = API.signUp("access");
        published = HTTP.post("/api/posts", fields("title", "t", "content", "c", "published", true)).as(user).expect(201).get("id").asLong();
    }

    /** Every kind of endpoint: signed-in only, optional sign-in, the anonymous post read answered before Jersey. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/users/%d?access_token=%s", "/api/posts?access_token=%2$s", "/api/posts/%3$d?access_token=%2$s",
            "/api/posts?page=1&ACCESS_TOKEN=%2$s", "/api/posts?access%%5Ftoken=%2$s"})
    void aTokenInTheUrlIs400SayingToUseTheHeader(String template) {
        Map<String, Object> problem = assertProblem(HTTP.get(String.format(template, user.id(), user.token(), published)).send(), 400);
        assertThat((String) problem.get("detail")).contains("Authorization: Bearer");
    }

    @Test
    void aTokenInTheUrlDoesNotSignIn() {
        assertProblem(HTTP.delete("/api/tokens/current?access_token=" + user.token()).send(), 400);
        HTTP.get("/api/users/" + user.id()).as(user).expect(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/admin/backups/abc", "/api/admin/backups/1", "/api/admin/cache"})
    void anAdminPathIs403ToANonAdminAnd401ToAnonymousWhateverTheId(String path) {
        assertProblem(HTTP.get(path).as(user).send(), 403);
        assertProblem(HTTP.get(path).send(), 401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATCH /api/tags/abc", "DELETE /api/tags/abc", "PATCH /api/tags/1", "DELETE /api/tags/1",
            "PATCH /api/categories/x", "DELETE /api/categories/x", "PATCH /api/categories/1", "DELETE /api/categories/1",
            "GET /api/admin/db-stats", "POST /api/admin/backups", "POST /api/admin/backups/restore-check"})
    void changingTagsAndCategoriesAndTheAdminEndpointsAre403ToANonAdminWhateverTheInput(String request) {
        String[] parts = request.split(" ");
        assertProblem(call(parts[0], parts[1]).as(user).send(), 403);
        assertProblem(call(parts[0], parts[1]).send(), 401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[{\"username\": 1}]", "{}"})
    void bulkUserCreationIs403ToANonAdminWhateverTheBody(String body) {
        assertProblem(HTTP.post("/api/users/bulk", body).as(user).send(), 403);
        assertProblem(HTTP.post("/api/users/bulk", body).send(), 401);
    }

    private static JsonHttp.Call call(String method, String path) {
        return switch (method) {
            case "GET" -> HTTP.get(path);
            case "DELETE" -> HTTP.delete(path);
            case "PATCH" -> HTTP.patch(path, "not json");
            default -> HTTP.post(path, "not json");
        };
    }
}
