package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tests of {@code POST /api/users/bulk} share ({@link BulkUsersCreateApiIT}, {@link
 * BulkUsersValidationApiIT}, {@link BulkUsersConflictApiIT}): valid items, the request with any
 * body, on a connection of its own for a large one, and how many users a stem names.
 */
final class BulkUsersFixture {
    private final ApiApp api;

    BulkUsersFixture(ApiApp api) {
        this.api = api;
    }

    /** {@code n} valid, new bulk items named after {@code stem}. */
    static List<Map<String, Object>> items(String stem, int n) {
        String base = ApiApp.unique(stem);
        List<Map<String, Object>> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(new HashMap<>(Map.of("username", base + "-" + i, "email", base + "-" + i + "@example.com")));
        }
        return items;
    }

    Response bulk(String token, Object body) {
        Entity<?> entity = body instanceof String s ? Entity.json(s) : Entity.json(body);
        return token == null ? api.request("/api/users/bulk").post(entity) : api.request("/api/users/bulk", token).post(entity);
    }

    /** Large bodies go on a connection of their own (see {@link Wire#isolated}). */
    Wire.Raw bulkIsolated(String token, Object body) {
        return Wire.isolated(api, "POST", "/api/users/bulk", token, Wire.json(body));
    }

    long usersLike(String stem) {
        return api.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE starts_with(username, :stem)")
                .bind("stem", stem).mapTo(Long.class).one());
    }

    /** The stem the usernames of {@code items} share (up to their last dash). */
    static String stemOf(List<Map<String, Object>> items) {
        String first = (String) items.get(0).get("username");
        return first.substring(0, first.lastIndexOf('-') + 1);
    }
}
