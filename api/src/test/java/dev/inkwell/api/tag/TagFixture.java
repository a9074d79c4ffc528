package dev.inkwell.api.tag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.JsonHttp;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;

/**
 * What the tests of /api/tags and /api/tags/{id} ({@link TagReadApiIT}, {@link TagCreateApiIT},
 * {@link TagEditApiIT}, {@link TagDeleteApiIT}) share: a user and the app's shared admin, both made
 * before the first test (identities only: every test makes its own tags; and a race of creates runs
 * no sign-up), tags made through the API, and the tags a post shows. Registered after the app's
 * extension, it starts after the app: {@code @RegisterExtension static final TagFixture TAGS = new TagFixture(API);}
 */
final class TagFixture implements BeforeAllCallback {
    private final ApiApp api;
    final JsonHttp http;
    private ApiApp.Session user;

    TagFixture(ApiApp api) {
        this.api = api;
        this.http = new JsonHttp(api);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        user = api.signUp("tagger");
        api.sharedAdmin();
    }

    /** A user who is not an admin: any user may create tags, only admins rename and delete them. */
    ApiApp.Session user() {
        return user;
    }

    /** An admin; the app's shared one, since no test changes it. */
    ApiApp.Session admin() {
        return api.sharedAdmin();
    }

    JsonNode create(String name) {
        return http.post("/api/tags", fields("name", name)).as(user).expect(201);
    }

    /** The names of the tags post {@code postId} shows, in its order. */
    List<String> tagsOfPost(long postId) {
        List<String> names = new ArrayList<>();
        http.get("/api/posts/" + postId).expect(200).get("tags").forEach(t -> names.add(t.asText()));
        return names;
    }
}
