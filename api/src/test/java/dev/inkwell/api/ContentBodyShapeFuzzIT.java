package dev.inkwell.api;

import dev.inkwell.api.ContentFuzzFixture.Endpoint;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.inkwell.api.ProblemAssert.assertFields;

/**
 * Bodies of the wrong shape sent to every content endpoint that takes one: JSON that is broken
 * (also inside a value), not an object, null or empty, with an unknown field, or with a field of
 * the wrong type or out of range. Each is a problem+json with the contract's status (400 for
 * what is not JSON, 422 naming the field otherwise) and changes nothing in the database. Hostile
 * values in well-formed bodies: {@link ContentFieldValueFuzzIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ContentBodyShapeFuzzIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final ContentFuzzFixture FUZZ = new ContentFuzzFixture(API);

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
        FUZZ.refused(FUZZ.call(endpoint, body), 400);
    }

    /** Broken JSON inside a field's value is still broken JSON (400), not a field of the wrong type (422). */
    static Stream<Arguments> brokenJsonInsideAValue() {
        return toEveryEndpoint("{\"F\": \"\\u00\"}", "{\"F\": \"\\q\"}", "{\"F\": 01}", "{\"F\": tru}", "{\"F\": \"x}");
    }

    @ParameterizedTest
    @MethodSource("brokenJsonInsideAValue")
    void brokenJsonInsideAFieldValueIs400AndChangesNothing(Endpoint endpoint, String body) {
        FUZZ.refused(FUZZ.call(endpoint, body), 400);
    }

    static Stream<Arguments> jsonThatIsNotAnObject() {
        return toEveryEndpoint("[]", "[{\"name\": \"x\"}]", "\"name\"", "42", "true", "1e400");
    }

    @ParameterizedTest
    @MethodSource("jsonThatIsNotAnObject")
    void jsonThatIsNotAnObjectIs400AndChangesNothing(Endpoint endpoint, String body) {
        FUZZ.refused(FUZZ.call(endpoint, body), 400);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void aNullBodyIs422OnBodyAndChangesNothing(Endpoint endpoint) {
        assertFields(FUZZ.refused(FUZZ.call(endpoint, "null"), 422), "body");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void anEmptyBodyIs422OnBodyAndChangesNothing(Endpoint endpoint) {
        assertFields(FUZZ.refused(FUZZ.call(endpoint, ""), 422), "body");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void anUnknownFieldIs422NamingItAndChangesNothing(Endpoint endpoint) {
        assertFields(FUZZ.refused(FUZZ.call(endpoint, "{" + endpoint.validMembers() + ", \"is_admin\": true}"), 422), "is_admin");
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
        assertFields(FUZZ.refused(FUZZ.call(endpoint, body), 422), field);
    }
}
