package dev.inkwell.api;

import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the content fuzz tests ({@code Content*FuzzIT} in this package) share: the hostile
 * strings (as {@code @MethodSource("dev.inkwell.api.ContentFuzzFixture#hostile")}), the targets
 * of PATCH and DELETE, made once per app, the endpoints that take a JSON body, and the check that a
 * refused request is problem+json and changed nothing the content endpoints can change.
 */
final class ContentFuzzFixture {
    /** The strings an attacker tries first, each on its own. */
    static final List<String> HOSTILE = List.of("' OR 1=1 --", "%", "_", ":*", "(", "\u0000", "x".repeat(10_000));

    /** {@link #HOSTILE} with the long string cut to what fits in a URI (a longer one is 414, see {@link ContentAddressFuzzIT}). */
    static final List<String> HOSTILE_IN_URI = List.of("' OR 1=1 --", "%", "_", ":*", "(", "\u0000", "x".repeat(5_000));

    private final ApiApp api;
    final JsonHttp http;

    private Targets targets;

    /** Targets of PATCH and DELETE: a category, a tag, a published post of author's carrying both, and a comment of author's on it. */
    record Targets(ApiApp.Session author, ApiApp.Session admin, long category, long tag, long post, long comment) {
    }

    ContentFuzzFixture(ApiApp api) {
        this.api = api;
        this.http = new JsonHttp(api);
    }

    /** The targets, made on first use and then shared by every test of the app, as one {@code @BeforeAll} would. */
    synchronized Targets targets() {
        if (targets == null) {
            ApiApp.Session author = api.signUp("fuzz");
            ApiApp.Session admin = api.admin();
            long category = http.post("/api/categories", fields("name", ApiApp.unique("Target"))).as(author).expect(201).get("id").asLong();
            String tagName = ApiApp.unique("target");
            long tag = http.post("/api/tags", fields("name", tagName)).as(author).expect(201).get("id").asLong();
            long post = http.post("/api/posts", fields("title", "alpha", "content", "alpha beta gamma", "published", true,
                    "category_id", category, "tags", List.of(tagName))).as(author).expect(201).get("id").asLong();
            long comment = http.post("/api/posts/" + post + "/comments", fields("body", "first")).as(author).expect(201).get("id").asLong();
            targets = new Targets(author, admin, category, tag, post, comment);
        }
        return targets;
    }

    ApiApp.Session author() {
        return targets().author();
    }

    ApiApp.Session admin() {
        return targets().admin();
    }

    long post() {
        return targets().post();
    }

    static Stream<String> hostile() {
        return HOSTILE.stream();
    }

    /** The target post's comments. */
    String comments() {
        return "/api/posts/" + post() + "/comments";
    }

    /**
     * Everything the content endpoints can change, as one digest (taken after the targets exist, so
     * that making them is not taken for a change).
     */
    String fingerprint() {
        targets();
        return api.jdbi().withHandle(h -> h.createQuery("""
                SELECT md5(concat_ws('|',
                       (SELECT string_agg(c::text, ',' ORDER BY c.id) FROM categories c),
                       (SELECT string_agg(t::text, ',' ORDER BY t.id) FROM tags t),
                       (SELECT string_agg(p::text, ',' ORDER BY p.id) FROM posts p),
                       (SELECT string_agg(pt::text, ',' ORDER BY pt.post_id, pt.tag_id) FROM post_tags pt),
                       (SELECT string_agg(c::text, ',' ORDER BY c.id) FROM comments c)))
                """).mapTo(String.class).one());
    }

    /** Sends {@code call}, asserts a problem of {@code status}, and that the database is as before. */
    Map<String, Object> refused(JsonHttp.Call call, int status) {
        String before = fingerprint();
        Response response = call.send();
        assertThat(response.getMediaType()).as("the type of a %d answer", response.getStatus()).isNotNull();
        Map<String, Object> problem = assertProblem(response, status);
        assertThat(fingerprint()).as("the database after a refused request").isEqualTo(before);
        return problem;
    }

    /** {@code body} sent to {@code endpoint} by someone allowed to call it. */
    JsonHttp.Call call(Endpoint endpoint, String body) {
        return switch (endpoint) {
            case CREATE_CATEGORY -> http.post("/api/categories", body).as(author());
            case UPDATE_CATEGORY -> http.patch("/api/categories/" + targets().category(), body).as(admin());
            case CREATE_TAG -> http.post("/api/tags", body).as(author());
            case RENAME_TAG -> http.patch("/api/tags/" + targets().tag(), body).as(admin());
            case CREATE_POST -> http.post("/api/posts", body).as(author());
            case UPDATE_POST -> http.patch("/api/posts/" + post(), body).as(author());
            case CREATE_COMMENT -> http.post(comments(), body).as(author());
            case UPDATE_COMMENT -> http.patch(comments() + "/" + targets().comment(), body).as(author());
        };
    }

    /** The endpoints that take a JSON body (see {@link #call}). */
    enum Endpoint {
        CREATE_CATEGORY, UPDATE_CATEGORY, CREATE_TAG, RENAME_TAG, CREATE_POST, UPDATE_POST, CREATE_COMMENT, UPDATE_COMMENT;

        /** A text field this endpoint knows. */
        String textField() {
            return this == CREATE_POST || this == UPDATE_POST ? "title"
                    : this == CREATE_COMMENT || this == UPDATE_COMMENT ? "body" : "name";
        }

        /** A body this endpoint accepts, as JSON members without braces. */
        String validMembers() {
            return switch (this) {
                case CREATE_CATEGORY, UPDATE_CATEGORY -> "\"name\": \"" + ApiApp.unique("Valid") + "\"";
                case CREATE_TAG, RENAME_TAG -> "\"name\": \"" + ApiApp.unique("valid") + "\"";
                case CREATE_POST, UPDATE_POST -> "\"title\": \"valid\", \"content\": \"valid\"";
                case CREATE_COMMENT, UPDATE_COMMENT -> "\"body\": \"valid\"";
            };
        }
    }
}
