package dev.inkwell.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.inkwell.api.JsonHttp.enc;
import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input to every content endpoint that takes input (bodies, path ids, query
 * parameters, If-Match): never a 500, always problem+json with the contract's status (or a plain
 * 200 without results for search text), and nothing in the database changes unless the input
 * was valid, in which case it is stored exactly as sent.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ContentInputFuzzIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    /** The strings an attacker tries first, each on its own. */
    static final List<String> HOSTILE = List.of("' OR 1=1 --", "%", "_", ":*", "(", "\u0000", "x".repeat(10_000));

    static ApiApp.Session author;
    static ApiApp.Session admin;
    /** Targets of PATCH and DELETE: a category, a tag, a published post of author's carrying both, and a comment of author's on it. */
    static long category;
    static long tag;
    static long post;
    static long comment;

    @BeforeAll
    static void fixtures() {
        author = API.signUp("fuzz");
        admin = API.admin();
        category = HTTP.post("/api/categories", fields("name", ApiApp.unique("Target"))).as(author).expect(201).get("id").asLong();
        String tagName = ApiApp.unique("target");
        tag = HTTP.post("/api/tags", fields("name", tagName)).as(author).expect(201).get("id").asLong();
        post = HTTP.post("/api/posts", fields("title", "alpha", "content", "alpha beta gamma", "published", true,
                "category_id", category, "tags", List.of(tagName))).as(author).expect(201).get("id").asLong();
        comment = HTTP.post(comments(), fields("body", "first")).as(author).expect(201).get("id").asLong();
    }

    /** The target post's comments. */
    private static String comments() {
        return "/api/posts/" + post + "/comments";
    }

    /** Everything the content endpoints can change, as one digest. */
    private static String fingerprint() {
        return API.jdbi().withHandle(h -> h.createQuery("""
                SELECT md5(concat_ws('|',
                       (SELECT string_agg(c::text, ',' ORDER BY c.id) FROM categories c),
                       (SELECT string_agg(t::text, ',' ORDER BY t.id) FROM tags t),
                       (SELECT string_agg(p::text, ',' ORDER BY p.id) FROM posts p),
                       (SELECT string_agg(pt::text, ',' ORDER BY pt.post_id, pt.tag_id) FROM post_tags pt),
                       (SELECT string_agg(c::text, ',' ORDER BY c.id) FROM comments c)))
                """).mapTo(String.class).one());
    }

    /** Sends {@code call}, asserts a problem of {@code status}, and that the database is as before. */
    private static Map<String, Object> refused(JsonHttp.Call call, int status) {
        String before = fingerprint();
        Response response = call.send();
        assertThat(response.getMediaType()).as("the type of a %d answer", response.getStatus()).isNotNull();
        Map<String, Object> problem = assertProblem(response, status);
        assertThat(fingerprint()).as("the database after a refused request").isEqualTo(before);
        return problem;
    }

    /** The endpoints that take a JSON body, each called by someone allowed to call it. */
    enum Endpoint {
        CREATE_CATEGORY, UPDATE_CATEGORY, CREATE_TAG, RENAME_TAG, CREATE_POST, UPDATE_POST, CREATE_COMMENT, UPDATE_COMMENT;

        JsonHttp.Call call(String body) {
            return switch (this) {
                case CREATE_CATEGORY -> HTTP.post("/api/categories", body).as(author);
                case UPDATE_CATEGORY -> HTTP.patch("/api/categories/" + category, body).as(admin);
                case CREATE_TAG -> HTTP.post("/api/tags", body).as(author);
                case RENAME_TAG -> HTTP.patch("/api/tags/" + tag, body).as(admin);
                case CREATE_POST -> HTTP.post("/api/posts", body).as(author);
                case UPDATE_POST -> HTTP.patch("/api/posts/" + post, body).as(author);
                case CREATE_COMMENT -> HTTP.post(comments(), body).as(author);
                case UPDATE_COMMENT -> HTTP.patch(comments() + "/" + comment, body).as(author);
            };
        }

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

    // --- bodies

    /** Each of {@code bodies} sent to every endpoint, an "F" in a body standing for a text field the endpoint knows. */
    private static Stream<Arguments> toEveryEndpoint(String... bodies) {
        return Stream.of(Endpoint.values()).flatMap(e -> Stream.of(bodies).map(body -> Arguments.of(e, body.replace("F", e.textField()))));
    }

    /** Bodies that are not JSON. */
    static Stream<Arguments> brokenJson() {
        return toEveryEndpoint("{", "{\"F\":", "not json", "{\"F\": \"x\",}", "{'F': 'x'}", "{F: \"x\"}",
                "{\"F\": \"x\"} {\"F\": \"y\"}", "{\"F\": \"x\"}}", "\u0000", "{\"F\": \"x\" \"F\": \"y\"}");
    }

    @ParameterizedTest
    @MethodSource("brokenJson")
    void brokenJsonIs400AndChangesNothing(Endpoint endpoint, String body) {
        refused(endpoint.call(body), 400);
    }

    /** Broken JSON inside a field's value is still broken JSON (400), not a field of the wrong type (422). */
    static Stream<Arguments> brokenJsonInsideAValue() {
        return toEveryEndpoint("{\"F\": \"\\u00\"}", "{\"F\": \"\\q\"}", "{\"F\": 01}", "{\"F\": tru}", "{\"F\": \"x}");
    }

    @ParameterizedTest
    @MethodSource("brokenJsonInsideAValue")
    void brokenJsonInsideAFieldValueIs400AndChangesNothing(Endpoint endpoint, String body) {
        refused(endpoint.call(body), 400);
    }

    static Stream<Arguments> jsonThatIsNotAnObject() {
        return toEveryEndpoint("[]", "[{\"name\": \"x\"}]", "\"name\"", "42", "true", "1e400");
    }

    @ParameterizedTest
    @MethodSource("jsonThatIsNotAnObject")
    void jsonThatIsNotAnObjectIs400AndChangesNothing(Endpoint endpoint, String body) {
        refused(endpoint.call(body), 400);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void aNullBodyIs422OnBodyAndChangesNothing(Endpoint endpoint) {
        assertFields(refused(endpoint.call("null"), 422), "body");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void anEmptyBodyIs422OnBodyAndChangesNothing(Endpoint endpoint) {
        assertFields(refused(endpoint.call(""), 422), "body");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void anUnknownFieldIs422NamingItAndChangesNothing(Endpoint endpoint) {
        assertFields(refused(endpoint.call("{" + endpoint.validMembers() + ", \"is_admin\": true}"), 422), "is_admin");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of(Endpoint.CREATE_CATEGORY, "{\"name\": {\"a\": 1}}", "name"),
                Arguments.of(Endpoint.CREATE_CATEGORY, "{\"name\": [\"x\"]}", "name"),
                Arguments.of(Endpoint.CREATE_CATEGORY, "{\"name\": \"Typed\", \"description\": {}}", "description"),
                Arguments.of(Endpoint.CREATE_CATEGORY, "{\"name\": \"Typed\", \"parent_id\": \"abc\"}", "parent_id"),
                Arguments.of(Endpoint.CREATE_CATEGORY, "{\"name\": \"Typed\", \"parent_id\": 1e400}", "parent_id"),
                Arguments.of(Endpoint.CREATE_CATEGORY, "{\"name\": \"Typed\", \"parent_id\": 99999999999999999999}", "parent_id"),
                Arguments.of(Endpoint.CREATE_CATEGORY, "{\"name\": \"Typed\", \"parent_id\": [1]}", "parent_id"),
                Arguments.of(Endpoint.UPDATE_CATEGORY, "{\"parent_id\": \"abc\"}", "parent_id"),
                Arguments.of(Endpoint.UPDATE_CATEGORY, "{\"parent_id\": 1e400}", "parent_id"),
                Arguments.of(Endpoint.UPDATE_CATEGORY, "{\"parent_id\": 99999999999999999999}", "parent_id"),
                Arguments.of(Endpoint.UPDATE_CATEGORY, "{\"name\": []}", "name"),
                Arguments.of(Endpoint.UPDATE_CATEGORY, "{\"slug\": {}}", "slug"),
                Arguments.of(Endpoint.CREATE_TAG, "{\"name\": {}}", "name"),
                Arguments.of(Endpoint.CREATE_TAG, "{\"name\": [\"a\"]}", "name"),
                Arguments.of(Endpoint.RENAME_TAG, "{\"name\": {}}", "name"),
                Arguments.of(Endpoint.RENAME_TAG, "{\"name\": [\"a\", \"b\"]}", "name"),
                Arguments.of(Endpoint.CREATE_POST, "{\"title\": {}, \"content\": \"c\"}", "title"),
                Arguments.of(Endpoint.CREATE_POST, "{\"title\": \"t\", \"content\": [\"c\"]}", "content"),
                Arguments.of(Endpoint.CREATE_POST, "{\"title\": \"t\", \"content\": \"c\", \"tags\": \"java\"}", "tags"),
                Arguments.of(Endpoint.CREATE_POST, "{\"title\": \"t\", \"content\": \"c\", \"tags\": [\"ok\", {}]}", "tags[1]"),
                Arguments.of(Endpoint.CREATE_POST, "{\"title\": \"t\", \"content\": \"c\", \"tags\": {\"a\": \"b\"}}", "tags"),
                Arguments.of(Endpoint.CREATE_POST, "{\"title\": \"t\", \"content\": \"c\", \"category_id\": \"abc\"}", "category_id"),
                Arguments.of(Endpoint.CREATE_POST, "{\"title\": \"t\", \"content\": \"c\", \"category_id\": 1e400}", "category_id"),
                Arguments.of(Endpoint.CREATE_POST, "{\"title\": \"t\", \"content\": \"c\", \"category_id\": 99999999999999999999}", "category_id"),
                Arguments.of(Endpoint.CREATE_POST, "{\"title\": \"t\", \"content\": \"c\", \"published\": \"yes\"}", "published"),
                Arguments.of(Endpoint.CREATE_POST, "{\"title\": \"t\", \"content\": \"c\", \"published\": {}}", "published"),
                Arguments.of(Endpoint.UPDATE_POST, "{\"title\": []}", "title"),
                Arguments.of(Endpoint.UPDATE_POST, "{\"category_id\": \"abc\"}", "category_id"),
                Arguments.of(Endpoint.UPDATE_POST, "{\"category_id\": 1e400}", "category_id"),
                Arguments.of(Endpoint.UPDATE_POST, "{\"category_id\": 99999999999999999999}", "category_id"),
                Arguments.of(Endpoint.UPDATE_POST, "{\"tags\": \"x\"}", "tags"),
                Arguments.of(Endpoint.UPDATE_POST, "{\"tags\": [[\"x\"]]}", "tags[0]"),
                Arguments.of(Endpoint.UPDATE_POST, "{\"published\": \"yes\"}", "published"),
                Arguments.of(Endpoint.CREATE_COMMENT, "{\"body\": {}}", "body"),
                Arguments.of(Endpoint.CREATE_COMMENT, "{\"body\": [\"x\"]}", "body"),
                Arguments.of(Endpoint.CREATE_COMMENT, "{\"body\": \"b\", \"parent_id\": \"abc\"}", "parent_id"),
                Arguments.of(Endpoint.CREATE_COMMENT, "{\"body\": \"b\", \"parent_id\": 1e400}", "parent_id"),
                Arguments.of(Endpoint.CREATE_COMMENT, "{\"body\": \"b\", \"parent_id\": 99999999999999999999}", "parent_id"),
                Arguments.of(Endpoint.CREATE_COMMENT, "{\"body\": \"b\", \"parent_id\": 0}", "parent_id"),
                Arguments.of(Endpoint.CREATE_COMMENT, "{\"body\": \"b\", \"parent_id\": -1}", "parent_id"),
                Arguments.of(Endpoint.CREATE_COMMENT, "{\"body\": \"   \"}", "body"),
                Arguments.of(Endpoint.CREATE_COMMENT, "{\"body\": \"" + "x".repeat(10_001) + "\"}", "body"),
                Arguments.of(Endpoint.UPDATE_COMMENT, "{\"body\": null}", "body"),
                Arguments.of(Endpoint.UPDATE_COMMENT, "{\"hidden\": null}", "hidden"),
                Arguments.of(Endpoint.UPDATE_COMMENT, "{\"hidden\": \"yes\"}", "hidden"),
                Arguments.of(Endpoint.UPDATE_COMMENT, "{}", "body"),
                Arguments.of(Endpoint.UPDATE_COMMENT, "{\"body\": \"\"}", "body"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void aFieldOfTheWrongTypeOrOutOfRangeIs422NamingItAndChangesNothing(Endpoint endpoint, String body, String field) {
        assertFields(refused(endpoint.call(body), 422), field);
    }

    // --- hostile text in text fields

    static Stream<String> hostile() {
        return HOSTILE.stream();
    }

    /** Stored exactly as sent (so it never became SQL), or refused with 422 and nothing stored. */
    private static void storedVerbatimOr422(String value, boolean valid, JsonHttp.Call create, String field, String readBackPath) {
        if (valid) {
            JsonNode created = create.expect(201);
            JsonNode readBack = HTTP.get(readBackPath + created.get("id").asLong()).as(admin).expect(200);
            assertThat(readBack.get(field).asText()).isEqualTo(value);
        } else {
            refused(create, 422);
        }
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileTextAsAPostTitleIsStoredVerbatimOrRefused(String value) {
        boolean valid = !value.contains("\u0000") && value.length() <= 200;
        storedVerbatimOr422(value, valid, HTTP.post("/api/posts", fields("title", value, "content", "c")).as(author),
                "title", "/api/posts/");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileTextAsPostContentIsStoredVerbatimOrRefused(String value) {
        boolean valid = !value.contains("\u0000");
        storedVerbatimOr422(value, valid, HTTP.post("/api/posts", fields("title", "t", "content", value)).as(author),
                "content", "/api/posts/");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileTextAsACategoryNameIsStoredVerbatimOrRefused(String value) {
        boolean valid = !value.contains("\u0000") && value.length() <= 100;
        String name = value.length() > 100 || value.contains("\u0000") ? value : value + " " + ApiApp.unique("n");
        storedVerbatimOr422(name, valid, HTTP.post("/api/categories", fields("name", name,
                "slug", ApiApp.unique("slug").toLowerCase())).as(author), "name", "/api/categories/");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileTextAsACategoryDescriptionIsStoredVerbatimOrRefused(String value) {
        boolean valid = !value.contains("\u0000") && value.length() <= 2000;
        storedVerbatimOr422(value, valid, HTTP.post("/api/categories", fields("name", ApiApp.unique("Described"),
                "description", value)).as(author), "description", "/api/categories/");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileTextAsACategorySlugIs422OnSlug(String value) {
        assertFields(refused(HTTP.post("/api/categories", fields("name", ApiApp.unique("Slugged"), "slug", value)).as(author), 422), "slug");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileTextAsATagNameIs422OnName(String value) {
        assertFields(refused(HTTP.post("/api/tags", fields("name", value)).as(author), 422), "name");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileTextAsANewTagNameIs422OnName(String value) {
        assertFields(refused(HTTP.patch("/api/tags/" + tag, fields("name", value)).as(admin), 422), "name");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileTextAsATagOfAPostIs422OnThatTag(String value) {
        assertFields(refused(HTTP.post("/api/posts", fields("title", "t", "content", "c", "tags", List.of("fine", value))).as(author), 422),
                "tags[1]");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileTextAsACommentIsStoredVerbatimOrRefused(String value) {
        boolean valid = !value.contains("\u0000") && value.length() <= 10_000;
        storedVerbatimOr422(value, valid, HTTP.post(comments(), fields("body", value)).as(author), "body", comments() + "/");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileTextInAPatchedTitleIsStoredVerbatimOrRefused(String value) {
        long target = HTTP.post("/api/posts", fields("title", "before", "content", "c")).as(author).expect(201).get("id").asLong();
        if (!value.contains("\u0000") && value.length() <= 200) {
            HTTP.patch("/api/posts/" + target, fields("title", value)).as(author).expect(200);
            assertThat(HTTP.get("/api/posts/" + target).as(author).expect(200).get("title").asText()).isEqualTo(value);
        } else {
            refused(HTTP.patch("/api/posts/" + target, fields("title", value)).as(author), 422);
        }
    }

    /**
     * Text that is not text: control characters other than newline and tab, and unpaired UTF-16
     * surrogates (sent as JSON escapes, as a client would; stored, they would have become '?').
     */
    static Stream<Arguments> notText() {
        List<Arguments> all = new ArrayList<>();
        for (String bad : List.of("\\u0000", "\\u0007", "\\u001b[31m", "\\u007f", "\\u0085", "\\ud800", "\\udc00", "x\\ud800y",
                "\\ude00\\ud83d")) {
            all.add(Arguments.of(Endpoint.CREATE_POST, "{\"title\": \"t" + bad + "\", \"content\": \"c\"}", "title"));
            all.add(Arguments.of(Endpoint.CREATE_POST, "{\"title\": \"t\", \"content\": \"c" + bad + "\"}", "content"));
            all.add(Arguments.of(Endpoint.UPDATE_POST, "{\"title\": \"t" + bad + "\"}", "title"));
            all.add(Arguments.of(Endpoint.UPDATE_POST, "{\"content\": \"" + bad + "\"}", "content"));
            all.add(Arguments.of(Endpoint.CREATE_CATEGORY, "{\"name\": \"N" + bad + "n\"}", "name"));
            all.add(Arguments.of(Endpoint.CREATE_CATEGORY, "{\"name\": \"" + ApiApp.unique("Described") + "\", \"description\": \"" + bad + "\"}",
                    "description"));
            all.add(Arguments.of(Endpoint.UPDATE_CATEGORY, "{\"description\": \"d" + bad + "\"}", "description"));
            all.add(Arguments.of(Endpoint.CREATE_COMMENT, "{\"body\": \"b" + bad + "\"}", "body"));
            all.add(Arguments.of(Endpoint.UPDATE_COMMENT, "{\"body\": \"b" + bad + "\"}", "body"));
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("notText")
    void textThatIsNotTextIs422NamingTheFieldAndChangesNothing(Endpoint endpoint, String body, String field) {
        assertFields(refused(endpoint.call(body), 422), field);
    }

    @Test
    void newlinesTabsAndCharactersOutsideTheBmpAreText() {
        String text = "line one\nline two\r\n\tindented \ud83d\ude00";
        storedVerbatimOr422(text, true, HTTP.post("/api/posts", fields("title", "t", "content", text)).as(author), "content", "/api/posts/");
    }

    // --- path ids

    enum Item {
        CATEGORY("/api/categories/", "{\"description\": \"x\"}"),
        TAG("/api/tags/", "{\"name\": \"renamed-by-fuzz\"}"),
        POST("/api/posts/", "{\"title\": \"x\"}"),
        COMMENT(null, "{\"hidden\": true}");

        private final String path;
        final String patchBody;

        Item(String path, String patchBody) {
            this.path = path;
            this.patchBody = patchBody;
        }

        /** Where the item's ids go, at the end (a comment's path is known once the target post is made). */
        String path() {
            return this == COMMENT ? comments() + "/" : path;
        }
    }

    /** Ids that are not numbers at all, or not a 64-bit number: a malformed parameter. */
    static final List<String> MALFORMED_IDS = List.of("abc", "99999999999999999999", "1e400", "1.5", "0x10", enc("' OR 1=1 --"),
            "_", enc(":*"), "(", enc("1 OR 1=1"), "x".repeat(5_000));

    /** Ids that cannot be any row's: zero, negative, the extremes of 64 bits. */
    static final List<String> ABSENT_IDS = List.of("0", "-1", "-9223372036854775808", "9223372036854775807");

    /** Each of {@code ids} for every kind of item. */
    private static Stream<Arguments> ofEveryItem(List<String> ids) {
        return Stream.of(Item.values()).flatMap(item -> ids.stream().map(id -> Arguments.of(item, id)));
    }

    static Stream<Arguments> malformedIds() {
        return ofEveryItem(MALFORMED_IDS);
    }

    @ParameterizedTest
    @MethodSource("malformedIds")
    void getWithAMalformedIdIs400(Item item, String id) {
        refused(HTTP.get(item.path() + id), 400);
    }

    @ParameterizedTest
    @MethodSource("malformedIds")
    void patchWithAMalformedIdIs400AndChangesNothing(Item item, String id) {
        refused(HTTP.patch(item.path() + id, item.patchBody).as(admin), 400);
    }

    @ParameterizedTest
    @MethodSource("malformedIds")
    void deleteWithAMalformedIdIs400AndChangesNothing(Item item, String id) {
        refused(HTTP.delete(item.path() + id).as(admin), 400);
    }

    static Stream<Arguments> absentIds() {
        return ofEveryItem(ABSENT_IDS);
    }

    @ParameterizedTest
    @MethodSource("absentIds")
    void everyMethodOnAnIdThatCannotExistIs404AndChangesNothing(Item item, String id) {
        refused(HTTP.get(item.path() + id), 404);
        refused(HTTP.patch(item.path() + id, item.patchBody).as(admin), 404);
        refused(HTTP.delete(item.path() + id).as(admin), 404);
    }

    /** The feeds of one category or tag, by id. */
    static final List<String> FEEDS = List.of("/api/feeds/categories/%s.atom", "/api/feeds/categories/%s.rss",
            "/api/feeds/tags/%s.atom", "/api/feeds/tags/%s.rss");

    static Stream<Arguments> feedIds() {
        List<Arguments> all = new ArrayList<>();
        for (String feed : FEEDS) {
            for (String id : MALFORMED_IDS) {
                all.add(Arguments.of(feed.formatted(id), 400));
            }
            for (String id : ABSENT_IDS) {
                all.add(Arguments.of(feed.formatted(id), 404));
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("feedIds")
    void aFeedOfAMalformedOrAbsentIdIsAProblemAndChangesNothing(String path, int status) {
        refused(HTTP.get(path).header(HttpHeaders.ACCEPT, "application/atom+xml, application/rss+xml"), status);
    }

    static Stream<Arguments> hostileIfNoneMatchOnFeeds() {
        List<Arguments> all = new ArrayList<>();
        for (String path : List.of("/api/feeds/posts.atom", "/api/feeds/posts.rss")) {
            for (String value : List.of("' OR 1=1 --", "%", "\"", "W/", ",", ",,\"x\",", "W/\"", "\"1\" OR 1=1", "x".repeat(1_000))) {
                all.add(Arguments.of(path, value));
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("hostileIfNoneMatchOnFeeds")
    void aHostileIfNoneMatchOnAFeedIsThePlainFeed(String path, String ifNoneMatch) {
        String before = fingerprint();
        try (Response response = HTTP.get(path).header(HttpHeaders.ACCEPT, "*/*").header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch).send()) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.readEntity(String.class)).startsWith("<?xml");
        }
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void aFeedOfTheTargetsIsServedAndTheTargetPostIsInIt() {
        for (String feed : List.of("/api/feeds/categories/%s.atom".formatted(category), "/api/feeds/tags/%s.rss".formatted(tag))) {
            try (Response response = HTTP.get(feed).header(HttpHeaders.ACCEPT, "*/*").send()) {
                assertThat(response.getStatus()).as(feed).isEqualTo(200);
                assertThat(response.readEntity(String.class)).contains("/api/posts/" + post + "<");
            }
        }
    }

    /**
     * Requests that Jetty turns away before the application sees them (a URI over its 8 KiB
     * request-line limit, encodings it deems ambiguous) are errors like any other: problem+json.
     */
    static Stream<Arguments> uriRejectedBeforeTheApplication() {
        return Stream.of(
                Arguments.of("GET", "/api/posts/" + "x".repeat(10_000), 414),
                Arguments.of("GET", "/api/posts?q=" + "x".repeat(10_000), 414),
                Arguments.of("GET", "/api/posts/%25", 400),
                Arguments.of("GET", "/api/posts/1%00", 400),
                Arguments.of("DELETE", "/api/posts/%25", 400));
    }

    @ParameterizedTest
    @MethodSource("uriRejectedBeforeTheApplication")
    void aUriRejectedBeforeTheApplicationIsStillAProblemAndChangesNothing(String method, String uri, int status) {
        JsonHttp.Call call = method.equals("GET") ? HTTP.get(uri) : HTTP.delete(uri).as(admin);
        refused(call, status);
    }

    // --- query parameters

    /** The search text is only ever text: hostile text finds nothing (the target post says "alpha beta gamma"). */
    static Stream<String> hostileSearchText() {
        return Stream.of("' OR 1=1 --", "%", "_", ":*", "(", ")", "!", "&", "|", "<->", "\"", "\\", "'", "-", "or",
                ":* | !", "') OR ('1'='1", "1=1); DROP TABLE posts; --", "%' OR '%'='", "\"unclosed");
    }

    @ParameterizedTest
    @MethodSource("hostileSearchText")
    void hostileSearchTextIs200WithNoResults(String q) {
        String before = fingerprint();
        JsonNode page = HTTP.get("/api/posts?author_id=" + author.id() + "&q=" + enc(q)).expect(200);
        assertThat(page.get("items")).isEmpty();
        assertThat(page.get("total").asLong()).isZero();
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void theSearchTextOfTheHostileTestsFindsTheTargetPostWhenItMatches() {
        JsonNode page = HTTP.get("/api/posts?author_id=" + author.id() + "&q=" + enc("alpha")).expect(200);
        assertThat(page.get("items").get(0).get("id").asLong()).isEqualTo(post);
    }

    @Test
    void aSearchTextOver200CharactersIs422OnQ() {
        assertFields(refused(HTTP.get("/api/posts?q=" + "x".repeat(201)), 422), "q");
        assertFields(refused(HTTP.get("/api/posts?q=" + "x".repeat(5_000)), 422), "q");
    }

    @ParameterizedTest
    @MethodSource("notTextInAQuery")
    void aSearchTextThatIsNotTextIs422OnQ(String q) {
        assertFields(refused(HTTP.get("/api/posts?q=" + q), 422), "q");
    }

    static Stream<String> notTextInAQuery() {
        return Stream.of(enc("alpha\u0000"), "%00", "a%07b", "%1B%5B31m", "%7F");
    }

    /** {@link #HOSTILE} with the long string cut to what fits in a URI (see the 414 case above for longer). */
    static final List<String> HOSTILE_IN_URI = List.of("' OR 1=1 --", "%", "_", ":*", "(", "\u0000", "x".repeat(5_000));

    static Stream<Arguments> hostileFilters() {
        List<Arguments> all = new ArrayList<>();
        for (String value : HOSTILE_IN_URI) {
            all.add(Arguments.of("tag", value, 422));
            all.add(Arguments.of("sort", value, 422));
            all.add(Arguments.of("cursor", value, 422));
        }
        for (String value : List.of("abc", "1e400", "99999999999999999999", "' OR 1=1 --", "%", "_", ":*", "(", "1.5", "\u0000",
                "x".repeat(5_000))) {
            all.add(Arguments.of("category_id", value, 400));
            all.add(Arguments.of("author_id", value, 400));
            all.add(Arguments.of("page", value, 400));
            all.add(Arguments.of("per_page", value, 400));
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("hostileFilters")
    void aHostileFilterIsAProblemNamingTheParameter(String parameter, String value, int status) {
        assertFields(refused(HTTP.get("/api/posts?" + parameter + "=" + enc(value)), status), parameter);
    }

    static Stream<String> hostileInUri() {
        return HOSTILE_IN_URI.stream();
    }

    @ParameterizedTest
    @MethodSource("hostileInUri")
    void aHostilePublishedFlagIs400NamingIt(String value) {
        assertFields(refused(HTTP.get("/api/posts?published=" + enc(value)), 400), "published");
    }

    static Stream<Arguments> hostilePaging() {
        List<Arguments> all = new ArrayList<>();
        for (String list : List.of("/api/categories", "/api/tags")) {
            for (String parameter : List.of("page", "per_page")) {
                for (String value : List.of("abc", "1e400", "99999999999999999999", "' OR 1=1 --", "%", "(", "\u0000")) {
                    all.add(Arguments.of(list, parameter, value, 400));
                }
                all.add(Arguments.of(list, parameter, "-1", 422));
                all.add(Arguments.of(list, parameter, "2147483647", 422));
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("hostilePaging")
    void hostilePagingOfCategoriesAndTagsIsAProblemNamingTheParameter(String list, String parameter, String value, int status) {
        assertFields(refused(HTTP.get(list + "?" + parameter + "=" + enc(value)), status), parameter);
    }

    // --- slugs and schedules

    static Stream<Arguments> badSlugsAndSchedules() {
        List<Arguments> all = new ArrayList<>();
        // (A number or true would be read as its text, a slug like any other.)
        for (String value : List.of("{}", "[]", "[\"a\"]", "null", "\"\"", "\"UPPER\"", "\"a--b\"", "\"-a\"", "\"a b\"",
                "\"caf\u00e9\"", "\"" + "x".repeat(101) + "\"")) {
            all.add(Arguments.of(Endpoint.UPDATE_POST, "{\"slug\": " + value + "}", "slug"));
        }
        for (String value : List.of("{}", "[]", "true", "\"tomorrow\"", "\"2026-13-45T00:00:00Z\"", "5", "-1e400",
                "\"2020-01-01T00:00:00Z\"", "\"1970-01-01T00:00:00Z\"", "\"+10000-01-01T00:00:00Z\"", "\"+999999999-12-31T23:59:59Z\"")) {
            all.add(Arguments.of(Endpoint.UPDATE_POST, "{\"publish_at\": " + value + "}", "publish_at"));
            all.add(Arguments.of(Endpoint.CREATE_POST, "{\"title\": \"t\", \"content\": \"c\", \"publish_at\": " + value + "}", "publish_at"));
        }
        // A schedule for a post published now, or for the published target post.
        all.add(Arguments.of(Endpoint.CREATE_POST, "{\"title\": \"t\", \"content\": \"c\", \"published\": true, \"publish_at\": \"2999-01-01T00:00:00Z\"}",
                "publish_at"));
        all.add(Arguments.of(Endpoint.UPDATE_POST, "{\"publish_at\": \"2999-01-01T00:00:00Z\"}", "publish_at"));
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("badSlugsAndSchedules")
    void aBadSlugOrScheduleIs422NamingItAndChangesNothing(Endpoint endpoint, String body, String field) {
        assertFields(refused(endpoint.call(body), 422), field);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileTextAsASlugIs422OnSlug(String value) {
        assertFields(refused(HTTP.patch("/api/posts/" + post, fields("slug", value)).as(author), 422), "slug");
    }

    /** Slugs no post can have, in the path of a read by slug: never found, never an error of the server. */
    static Stream<String> hostileSlugsInAPath() {
        return Stream.concat(Stream.of(enc("' OR 1=1 --"), "_", enc(":*"), "(", "UPPER", "a--b", "-", enc("caf\u00e9"), "x".repeat(5_000),
                enc("a/b"), "%2e%2e", enc("\u0000")), HOSTILE_IN_URI.stream().filter(v -> !v.contains("\u0000")).map(JsonHttp::enc));
    }

    @ParameterizedTest
    @MethodSource("hostileSlugsInAPath")
    void aHostileSlugInThePathIsNotFoundOrMalformedAndChangesNothing(String slug) {
        String before = fingerprint();
        try (Response response = HTTP.get("/api/posts/by-slug/" + slug).send()) {
            assertThat(response.getStatus()).as("GET by slug %s", slug).isIn(400, 404);
            assertProblem(response, response.getStatus());
        }
        assertThat(fingerprint()).isEqualTo(before);
    }

    // --- If-Match

    static Stream<String> hostileIfMatch() {
        return Stream.of("' OR 1=1 --", "%", "_", ":*", "(", "\"1\" OR 1=1", "\"1e400\"", "W/\"99999999999999999999\"", "x".repeat(1_000));
    }

    @ParameterizedTest
    @MethodSource("hostileIfMatch")
    void aHostileIfMatchIs422AndChangesNothing(String ifMatch) {
        assertFields(refused(HTTP.patch("/api/posts/" + post, fields("title", "changed")).as(author)
                .header(HttpHeaders.IF_MATCH, ifMatch), 422), "If-Match");
    }
}
