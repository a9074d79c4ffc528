package dev.inkwell.api.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.JsonHttp;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static dev.inkwell.api.JsonHttp.fields;

/**
 * What the tests of /api/posts and /api/posts/{id} ({@link PostCreateApiIT}, {@link PostEditApiIT},
 * {@link PostVersionsApiIT}, {@link PostAccessApiIT}) share: an author, another user and an admin,
 * made on first use (identities only: every test makes its own posts), posts and categories made
 * through the API, the post as stored, PATCH with or without If-Match, and the ETag of a version.
 */
final class PostFixture {
    private final ApiApp api;
    final JsonHttp http;
    private final Map<String, ApiApp.Session> users = new ConcurrentHashMap<>();

    PostFixture(ApiApp api) {
        this.api = api;
        this.http = new JsonHttp(api);
    }

    /** The user who writes the tests' posts. */
    ApiApp.Session author() {
        return users.computeIfAbsent("author", api::signUp);
    }

    /** A user who is neither the author nor an admin. */
    ApiApp.Session other() {
        return users.computeIfAbsent("other", api::signUp);
    }

    /** An admin; the app's shared one, since no test changes it. */
    ApiApp.Session admin() {
        return api.sharedAdmin();
    }

    JsonNode create(ApiApp.Session as, Map<String, Object> body) {
        return http.post("/api/posts", body).as(as).expect(201);
    }

    JsonNode published(String title) {
        return create(author(), fields("title", title, "content", "content of " + title, "published", true));
    }

    static long id(JsonNode node) {
        return node.get("id").asLong();
    }

    JsonNode category() {
        return api.category("Cat");
    }

    /** The post as stored, read as an admin (who sees drafts too). */
    JsonNode stored(long id) {
        return http.get("/api/posts/" + id).as(admin()).expect(200);
    }

    static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    /** A PATCH of post {@code id} as {@code as}, with {@code ifMatch} as If-Match unless it is null; its answer. */
    Response patch(long id, ApiApp.Session as, Map<String, Object> body, String ifMatch) {
        JsonHttp.Call call = http.patch("/api/posts/" + id, body).as(as);
        if (ifMatch != null) {
            call.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return call.send();
    }

    /** A PATCH without If-Match that must succeed; its answer. */
    JsonNode patched(long id, ApiApp.Session as, Map<String, Object> body) {
        return http.patch("/api/posts/" + id, body).as(as).expect(200);
    }

    /** The pattern of the ETag of a post at {@code version}: the version and a digest of its JSON ({@link PostETag}). */
    static String tagOf(long version) {
        return "\"" + version + "-[0-9a-f]{16}\"";
    }
}
