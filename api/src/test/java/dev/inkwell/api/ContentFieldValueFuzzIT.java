package dev.inkwell.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ContentFuzzFixture.Endpoint;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile values in the fields of well-formed content bodies (titles, contents, names,
 * descriptions, tags, comments, slugs, schedules): text is stored exactly as sent, so it never
 * became SQL, or refused with 422 naming the field and nothing stored; text that is not text
 * (control characters, unpaired surrogates) is refused, newlines, tabs and characters outside the
 * BMP are kept. Bodies of the wrong shape: {@link ContentBodyShapeFuzzIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ContentFieldValueFuzzIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final ContentFuzzFixture FUZZ = new ContentFuzzFixture(API);

    // --- hostile text in text fields

    /** Stored exactly as sent (so it never became SQL), or refused with 422 and nothing stored. */
    private static void storedVerbatimOr422(String value, boolean valid, JsonHttp.Call create, String field, String readBackPath) {
        if (valid) {
            JsonNode created = create.expect(201);
            JsonNode readBack = FUZZ.http.get(readBackPath + created.get("id").asLong()).as(FUZZ.admin()).expect(200);
            assertThat(readBack.get(field).asText()).isEqualTo(value);
        } else {
            FUZZ.refused(create, 422);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.ContentFuzzFixture#hostile")
    void hostileTextAsAPostTitleIsStoredVerbatimOrRefused(String value) {
        boolean valid = !value.contains("\u0000") && value.length() <= 200;
        storedVerbatimOr422(value, valid, FUZZ.http.post("/api/posts", fields("title", value, "content", "c")).as(FUZZ.author()),
                "title", "/api/posts/");
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.ContentFuzzFixture#hostile")
    void hostileTextAsPostContentIsStoredVerbatimOrRefused(String value) {
        boolean valid = !value.contains("\u0000");
        storedVerbatimOr422(value, valid, FUZZ.http.post("/api/posts", fields("title", "t", "content", value)).as(FUZZ.author()),
                "content", "/api/posts/");
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.ContentFuzzFixture#hostile")
    void hostileTextAsACategoryNameIsStoredVerbatimOrRefused(String value) {
        boolean valid = !value.contains("\u0000") && value.length() <= 100;
        String name = value.length() > 100 || value.contains("\u0000") ? value : value + " " + ApiApp.unique("n");
        storedVerbatimOr422(name, valid, FUZZ.http.post("/api/categories", fields("name", name,
                "slug", ApiApp.unique("slug").toLowerCase())).as(FUZZ.author()), "name", "/api/categories/");
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.ContentFuzzFixture#hostile")
    void hostileTextAsACategoryDescriptionIsStoredVerbatimOrRefused(String value) {
        boolean valid = !value.contains("\u0000") && value.length() <= 2000;
        storedVerbatimOr422(value, valid, FUZZ.http.post("/api/categories", fields("name", ApiApp.unique("Described"),
                "description", value)).as(FUZZ.author()), "description", "/api/categories/");
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.ContentFuzzFixture#hostile")
    void hostileTextAsACategorySlugIs422OnSlug(String value) {
        assertFields(FUZZ.refused(FUZZ.http.post("/api/categories", fields("name", ApiApp.unique("Slugged"), "slug", value)).as(FUZZ.author()), 422), "slug");
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.ContentFuzzFixture#hostile")
    void hostileTextAsATagNameIs422OnName(String value) {
        assertFields(FUZZ.refused(FUZZ.http.post("/api/tags", fields("name", value)).as(FUZZ.author()), 422), "name");
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.ContentFuzzFixture#hostile")
    void hostileTextAsANewTagNameIs422OnName(String value) {
        assertFields(FUZZ.refused(FUZZ.http.patch("/api/tags/" + FUZZ.targets().tag(), fields("name", value)).as(FUZZ.admin()), 422), "name");
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.ContentFuzzFixture#hostile")
    void hostileTextAsATagOfAPostIs422OnThatTag(String value) {
        assertFields(FUZZ.refused(FUZZ.http.post("/api/posts", fields("title", "t", "content", "c", "tags", List.of("fine", value))).as(FUZZ.author()), 422),
                "tags[1]");
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.ContentFuzzFixture#hostile")
    void hostileTextAsACommentIsStoredVerbatimOrRefused(String value) {
        boolean valid = !value.contains("\u0000") && value.length() <= 10_000;
        storedVerbatimOr422(value, valid, FUZZ.http.post(FUZZ.comments(), fields("body", value)).as(FUZZ.author()), "body", FUZZ.comments() + "/");
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.ContentFuzzFixture#hostile")
    void hostileTextInAPatchedTitleIsStoredVerbatimOrRefused(String value) {
        long target = FUZZ.http.post("/api/posts", fields("title", "before", "content", "c")).as(FUZZ.author()).expect(201).get("id").asLong();
        if (!value.contains("\u0000") && value.length() <= 200) {
            FUZZ.http.patch("/api/posts/" + target, fields("title", value)).as(FUZZ.author()).expect(200);
            assertThat(FUZZ.http.get("/api/posts/" + target).as(FUZZ.author()).expect(200).get("title").asText()).isEqualTo(value);
        } else {
            FUZZ.refused(FUZZ.http.patch("/api/posts/" + target, fields("title", value)).as(FUZZ.author()), 422);
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

    @Test
    void newlinesTabsAndCharactersOutsideTheBmpAreText() {
        String text = "line one\nline two\r\n\tindented \ud83d\ude00";
        storedVerbatimOr422(text, true, FUZZ.http.post("/api/posts", fields("title", "t", "content", text)).as(FUZZ.author()), "content", "/api/posts/");
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

    /** A field whose value is not text ({@link #notText}), or not a slug or schedule a post may have, is refused. */
    @ParameterizedTest
    @MethodSource({"notText", "badSlugsAndSchedules"})
    void textThatIsNotTextOrABadSlugOrScheduleIs422NamingTheFieldAndChangesNothing(Endpoint endpoint, String body, String field) {
        assertFields(FUZZ.refused(FUZZ.call(endpoint, body), 422), field);
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.ContentFuzzFixture#hostile")
    void hostileTextAsASlugIs422OnSlug(String value) {
        assertFields(FUZZ.refused(FUZZ.http.patch("/api/posts/" + FUZZ.post(), fields("slug", value)).as(FUZZ.author()), 422), "slug");
    }
}
