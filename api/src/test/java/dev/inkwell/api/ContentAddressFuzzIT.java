package dev.inkwell.api;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.inkwell.api.ContentFuzzFixture.HOSTILE_IN_URI;
import static dev.inkwell.api.JsonHttp.enc;
import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile addresses of content: ids in the path of every item (malformed: 400; one no row can
 * have: 404), the ids of category and tag feeds, slugs in the path of a read by slug, URIs that
 * Jetty turns away before the application, and the If-None-Match and If-Match headers that name a
 * version. Each is a problem+json (or, for a feed's If-None-Match, the plain feed) and changes
 * nothing in the database. Query parameters: {@link ContentQueryFuzzIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ContentAddressFuzzIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final ContentFuzzFixture FUZZ = new ContentFuzzFixture(API);

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
            return this == COMMENT ? FUZZ.comments() + "/" : path;
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

    static Stream<Arguments> absentIds() {
        return ofEveryItem(ABSENT_IDS);
    }

    @ParameterizedTest
    @MethodSource("malformedIds")
    void getWithAMalformedIdIs400(Item item, String id) {
        FUZZ.refused(FUZZ.http.get(item.path() + id), 400);
    }

    @ParameterizedTest
    @MethodSource("malformedIds")
    void patchWithAMalformedIdIs400AndChangesNothing(Item item, String id) {
        FUZZ.refused(FUZZ.http.patch(item.path() + id, item.patchBody).as(FUZZ.admin()), 400);
    }

    @ParameterizedTest
    @MethodSource("malformedIds")
    void deleteWithAMalformedIdIs400AndChangesNothing(Item item, String id) {
        FUZZ.refused(FUZZ.http.delete(item.path() + id).as(FUZZ.admin()), 400);
    }

    @ParameterizedTest
    @MethodSource("absentIds")
    void everyMethodOnAnIdThatCannotExistIs404AndChangesNothing(Item item, String id) {
        FUZZ.refused(FUZZ.http.get(item.path() + id), 404);
        FUZZ.refused(FUZZ.http.patch(item.path() + id, item.patchBody).as(FUZZ.admin()), 404);
        FUZZ.refused(FUZZ.http.delete(item.path() + id).as(FUZZ.admin()), 404);
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
        FUZZ.refused(FUZZ.http.get(path).header(HttpHeaders.ACCEPT, "application/atom+xml, application/rss+xml"), status);
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
        String before = FUZZ.fingerprint();
        try (Response response = FUZZ.http.get(path).header(HttpHeaders.ACCEPT, "*/*").header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch).send()) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.readEntity(String.class)).startsWith("<?xml");
        }
        assertThat(FUZZ.fingerprint()).isEqualTo(before);
    }

    @Test
    void aFeedOfTheTargetsIsServedAndTheTargetPostIsInIt() {
        ContentFuzzFixture.Targets targets = FUZZ.targets();
        for (String feed : List.of("/api/feeds/categories/%s.atom".formatted(targets.category()), "/api/feeds/tags/%s.rss".formatted(targets.tag()))) {
            try (Response response = FUZZ.http.get(feed).header(HttpHeaders.ACCEPT, "*/*").send()) {
                assertThat(response.getStatus()).as(feed).isEqualTo(200);
                assertThat(response.readEntity(String.class)).contains("/api/posts/" + FUZZ.post() + "<");
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
        JsonHttp.Call call = method.equals("GET") ? FUZZ.http.get(uri) : FUZZ.http.delete(uri).as(FUZZ.admin());
        FUZZ.refused(call, status);
    }

    /** Slugs no post can have, in the path of a read by slug: never found, never an error of the server. */
    static Stream<String> hostileSlugsInAPath() {
        return Stream.concat(Stream.of(enc("' OR 1=1 --"), "_", enc(":*"), "(", "UPPER", "a--b", "-", enc("caf\u00e9"), "x".repeat(5_000),
                enc("a/b"), "%2e%2e", enc("\u0000")), HOSTILE_IN_URI.stream().filter(v -> !v.contains("\u0000")).map(JsonHttp::enc));
    }

    @ParameterizedTest
    @MethodSource("hostileSlugsInAPath")
    void aHostileSlugInThePathIsNotFoundOrMalformedAndChangesNothing(String slug) {
        String before = FUZZ.fingerprint();
        try (Response response = FUZZ.http.get("/api/posts/by-slug/" + slug).send()) {
            assertThat(response.getStatus()).as("GET by slug %s", slug).isIn(400, 404);
            assertProblem(response, response.getStatus());
        }
        assertThat(FUZZ.fingerprint()).isEqualTo(before);
    }

    // --- If-Match

    static Stream<String> hostileIfMatch() {
        return Stream.of("' OR 1=1 --", "%", "_", ":*", "(", "\"1\" OR 1=1", "\"1e400\"", "W/\"99999999999999999999\"", "x".repeat(1_000));
    }

    @ParameterizedTest
    @MethodSource("hostileIfMatch")
    void aHostileIfMatchIs422AndChangesNothing(String ifMatch) {
        assertFields(FUZZ.refused(FUZZ.http.patch("/api/posts/" + FUZZ.post(), fields("title", "changed")).as(FUZZ.author())
                .header(HttpHeaders.IF_MATCH, ifMatch), 422), "If-Match");
    }
}
