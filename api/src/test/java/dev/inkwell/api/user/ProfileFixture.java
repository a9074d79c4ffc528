package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;

import java.util.HashMap;
import java.util.Map;

import static dev.inkwell.api.user.Wire.object;

/**
 * What the tests of {@code /api/users/{id}/profile} ({@link ProfileReadApiIT}, {@link
 * ProfilePutApiIT}, {@link ProfileValidationApiIT}) share: its address, a profile body that may
 * hold nulls, a PUT as a user, and the profile as anyone reads it.
 */
final class ProfileFixture {
    private final ApiApp api;

    ProfileFixture(ApiApp api) {
        this.api = api;
    }

    static String path(long id) {
        return "/api/users/" + id + "/profile";
    }

    static Map<String, Object> profile(String displayName, String bio, String website) {
        Map<String, Object> body = new HashMap<>();
        body.put("display_name", displayName);
        body.put("bio", bio);
        body.put("website", website);
        return body;
    }

    /** PUT of user {@code userId}'s profile as {@code s}: a JSON string sent as it is, anything else serialized. */
    Response put(ApiApp.Session s, long userId, Object body) {
        return api.request(path(userId), s.token()).put(body instanceof String text ? Entity.json(text) : Entity.json(body));
    }

    /** The profile of user {@code userId}, read anonymously. */
    Map<String, Object> stored(long userId) {
        return object(api.request(path(userId)).get(), 200);
    }
}
