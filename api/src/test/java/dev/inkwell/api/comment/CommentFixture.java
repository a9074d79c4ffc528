package dev.inkwell.api.comment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.JsonHttp;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of /api/posts/{id}/comments ({@link CommentCreateApiIT}, {@link CommentListApiIT},
 * {@link CommentModerationApiIT}, {@link CommentEditApiIT}, {@link CommentDeleteApiIT}) share: the
 * writer of the posts, two readers who comment and the app's shared admin, all made before the first
 * test (identities only: every test makes its own posts and comments), posts and comments made
 * through the API, a post's comment count, every comment a reader sees, and a count read straight
 * from the database. Registered after the app's extension, it starts after the app:
 * {@code @RegisterExtension static final CommentFixture COMMENTS = new CommentFixture(API);}
 */
final class CommentFixture implements BeforeAllCallback {
    private final ApiApp api;
    final JsonHttp http;
    private ApiApp.Session writer;
    private ApiApp.Session reader;
    private ApiApp.Session other;

    CommentFixture(ApiApp api) {
        this.api = api;
        this.http = new JsonHttp(api);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        writer = api.signUp("writer");
        reader = api.signUp("reader");
        other = api.signUp("other");
        api.sharedAdmin();
    }

    /** The author of every post this fixture makes. */
    ApiApp.Session writer() {
        return writer;
    }

    /** A user who comments on the writer's posts. */
    ApiApp.Session reader() {
        return reader;
    }

    /** Another user who comments, neither the post's author nor an admin. */
    ApiApp.Session other() {
        return other;
    }

    /** An admin; the app's shared one, since no test changes it. */
    ApiApp.Session admin() {
        return api.sharedAdmin();
    }

    long post(boolean published) {
        return http.post("/api/posts", fields("title", "On comments", "content", "Say something.", "published", published))
                .as(writer).expect(201).get("id").asLong();
    }

    static String comments(long post) {
        return "/api/posts/" + post + "/comments";
    }

    long comment(ApiApp.Session who, long post, String body, Long parent) {
        return http.post(comments(post), fields("body", body, "parent_id", parent)).as(who).expect(201).get("id").asLong();
    }

    int commentCount(long post) {
        return http.get("/api/posts/" + post).expect(200).get("comment_count").asInt();
    }

    /** The bodies of every comment a reader ({@code who}, null: anonymous) sees, following cursors {@code perPage} at a time. */
    List<String> allBodies(long post, ApiApp.Session who, int perPage) {
        List<String> bodies = new ArrayList<>();
        String path = comments(post) + "?per_page=" + perPage;
        for (int pages = 0; path != null; pages++) {
            assertThat(pages).as("pages followed").isLessThan(100);
            JsonHttp.Call call = http.get(path);
            JsonNode page = (who == null ? call : call.as(who)).expect(200);
            page.get("items").forEach(c -> bodies.add(c.get("body").asText()));
            path = page.get("next_cursor").isNull() ? null
                    : comments(post) + "?per_page=" + perPage + "&cursor=" + page.get("next_cursor").asText();
        }
        return bodies;
    }

    /** The one number {@code sql} selects, read straight from the database. */
    long count(String sql) {
        return api.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
