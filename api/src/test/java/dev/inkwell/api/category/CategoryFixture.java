package dev.inkwell.api.category;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.JsonHttp;

import java.util.ArrayList;
import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;

/**
 * What the tests of /api/categories and /api/categories/{id} ({@link CategoryReadApiIT},
 * {@link CategoryCreateApiIT}, {@link CategoryEditApiIT}, {@link CategoryDeleteApiIT}) share: a
 * user and an admin, made on first use (identities only: every test makes its own categories),
 * categories made through the API, one read back, and the ids of its children.
 */
final class CategoryFixture {
    private final ApiApp api;
    final JsonHttp http;
    private ApiApp.Session user;

    CategoryFixture(ApiApp api) {
        this.http = new JsonHttp(api);
        this.api = api;
    }

    /** A user who is not an admin: any user may create categories, only admins change them. */
    synchronized ApiApp.Session user() {
        if (user == null) {
            user = api.signUp("writer");
        }
        return user;
    }

    /** An admin; the app's shared one, since no test changes it. */
    ApiApp.Session admin() {
        return api.sharedAdmin();
    }

    JsonNode create(String name, Long parentId) {
        return http.post("/api/categories", fields("name", name, "parent_id", parentId)).as(user()).expect(201);
    }

    JsonNode get(long id) {
        return http.get("/api/categories/" + id).expect(200);
    }

    static List<Long> childIds(JsonNode category) {
        List<Long> ids = new ArrayList<>();
        category.get("children").forEach(c -> ids.add(c.get("id").asLong()));
        return ids;
    }
}
