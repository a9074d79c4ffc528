package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.inkwell.api.user.UserFuzzFixture.PASSWORD;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;

/**
 * Bodies of the wrong shape to every user, profile, token and invitation endpoint that takes
 * one: malformed JSON, wrong types, huge numbers, unknown fields, wrong top-level values, huge
 * bodies and very long strings. Never a 500; a refusal is always problem+json and changes nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserBodyShapeFuzzIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserFuzzFixture FUZZ = new UserFuzzFixture(API);

    /** Every endpoint with a body; the user-specific ones called by an admin on user {@code target}. */
    private static Map<String, Function<Long, Invocation.Builder>> bodyEndpoints() {
        Map<String, Function<Long, Invocation.Builder>> endpoints = new LinkedHashMap<>();
        endpoints.put("POST /api/users", target -> API.request("/api/users"));
        endpoints.put("PATCH /api/users/{id}", target -> API.request("/api/users/" + target, API.sharedAdmin().token()));
        endpoints.put("PUT /api/users/{id}/profile", target -> API.request("/api/users/" + target + "/profile", API.sharedAdmin().token()));
        endpoints.put("POST /api/tokens", target -> API.request("/api/tokens"));
        endpoints.put("POST /api/users/bulk", target -> API.request("/api/users/bulk", API.sharedAdmin().token()));
        endpoints.put("POST /api/invitations/accept", target -> API.request("/api/invitations/accept"));
        return endpoints;
    }

    /** Like {@link #send} for large bodies: on a connection of its own (see {@link Wire#isolated}). */
    private static Wire.Raw sendIsolated(String endpoint, long target, String body) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{id}", Long.toString(target));
        String token = path.startsWith("/api/users/") ? API.sharedAdmin().token() : null;
        return Wire.isolated(API, method, path, token, body);
    }

    /** Sends {@code body} to {@code endpoint}, acting on user {@code target} where it takes one. */
    private static Response send(String endpoint, long target, Entity<?> body) {
        return bodyEndpoints().get(endpoint).apply(target).method(endpoint.substring(0, endpoint.indexOf(' ')), body);
    }

    static Stream<Arguments> malformedBodies() {
        // FIELD stands for a string field the endpoint knows, so that only the syntax is wrong
        List<String> bodies = List.of("{", "[", "{\"FIELD\": ", "{\"FIELD\": \"abc\"", "{'FIELD': 'abc'}",
                "{FIELD: \"abc\"}", "nul", "tru", "{\"FIELD\": \"a\\qb\"}", "{\"FIELD\": \"unterminated}", "{\"FIELD\": \"abc\",}",
                "{} {}", "[] []", "{\"FIELD\": \"abc\"}}", "\u0000", "{\"FIELD\": \"a\u0000b\"}", "\uFEFF{}x", "{\"FIELD\": 01}",
                "{\"FIELD\": NaN}", "{\"FIELD\": \"abc\" /* comment */}");
        List<Arguments> all = new ArrayList<>();
        for (String endpoint : bodyEndpoints().keySet()) {
            String field = endpoint.contains("profile") ? "bio" : endpoint.contains("invitations") ? "token" : "username";
            for (String template : bodies) {
                String body = template.replace("FIELD", field);
                all.add(Arguments.of(endpoint, Named.of(body.replace("\u0000", "NUL").replace("\uFEFF", "BOM"), body)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("malformedBodies")
    void malformedJsonIs400AndChangesNothing(String endpoint, String body) {
        long target = FUZZ.newTarget();
        FUZZ.changesNothing(() -> problem(send(endpoint, target,
                Entity.entity(body.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON_TYPE)), 400));
    }

    /** A JSON value of a type no string field accepts, per endpoint: field, value, expected name in errors. */
    static Stream<Arguments> wrongTypes() {
        List<Arguments> all = new ArrayList<>();
        Map<String, String> fieldOf = Map.of(
                "POST /api/users", "username",
                "PATCH /api/users/{id}", "email",
                "PUT /api/users/{id}/profile", "bio",
                "POST /api/tokens", "username",
                "POST /api/invitations/accept", "token");
        for (Map.Entry<String, String> e : fieldOf.entrySet()) {
            for (String value : List.of("{\"a\": 1}", "[\"abc\"]", "[]", "{}")) {
                all.add(Arguments.of(e.getKey(), e.getValue(), value));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with {1} = {2}")
    @MethodSource("wrongTypes")
    void objectOrArrayForAStringFieldIs422NamingItAndChangesNothing(String endpoint, String field, String value) {
        long target = FUZZ.newTarget();
        FUZZ.changesNothing(() -> problemNaming(send(endpoint, target, Entity.json("{\"" + field + "\": " + value + "}")), 422, field));
    }

    /**
     * Numbers and booleans are not strings: JsonProcessingExceptionMapper promises 422 for "JSON
     * whose fields are ... of the wrong type", and a sign-up with {@code "username": 1e400} must not
     * create a user called "1e400".
     */
    static Stream<Arguments> scalarsForStrings() {
        return UserFuzzFixture.pairs(List.of("username", "email", "password"),
                () -> Stream.of("1e400", "99999999999999999999", "12345678", "true", "-1"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("scalarsForStrings")
    void numberOrBooleanForAStringFieldOnSignUpIs422AndCreatesNothing(String field, String value) {
        String name = ApiApp.unique("fzscalar");
        Map<String, String> json = new HashMap<>(Map.of(
                "username", "\"" + name + "\"", "email", "\"" + name + "@example.com\"", "password", "\"" + PASSWORD + "\""));
        json.put(field, value);
        String body = "{\"username\": " + json.get("username") + ", \"email\": " + json.get("email")
                + ", \"password\": " + json.get("password") + "}";
        FUZZ.changesNothing(() -> problemNaming(API.request("/api/users").post(Entity.json(body)), 422, field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "99999999999999999999", "0", "1", "\"false\"", "\"no\"", "\"\"", "{}", "[]", "[false]"})
    void nonBooleanIsActiveByAnAdminIs422AndChangesNothing(String value) {
        long target = FUZZ.newTarget();
        FUZZ.changesNothing(() -> problemNaming(patch(API.request("/api/users/" + target, API.sharedAdmin().token()),
                "{\"is_active\": " + value + "}"), 422, "is_active"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "99999999999999999999", "true"})
    void numberOrBooleanForTheBioIs422AndChangesNothing(String value) {
        ApiApp.Session s = API.signUp("fzbio");
        FUZZ.changesNothing(() -> problemNaming(API.request("/api/users/" + s.id() + "/profile", s.token())
                .put(Entity.json("{\"bio\": " + value + "}")), 422, "bio"));
    }

    static Stream<Arguments> unknownFields() {
        return Stream.of(
                Arguments.of("POST /api/users", "{\"username\": \"unknownfz\", \"email\": \"unknownfz@example.com\", \"password\": \""
                        + PASSWORD + "\", \"id\": 1}", "id"),
                Arguments.of("PATCH /api/users/{id}", "{\"created_at\": \"2000-01-01T00:00:00Z\"}", "created_at"),
                Arguments.of("PUT /api/users/{id}/profile", "{\"bio\": \"x\", \"' OR 1=1 --\": 1}", "' OR 1=1 --"),
                Arguments.of("POST /api/tokens", "{\"username\": \"x\", \"password\": \"y\", \"expires_at\": \"2999-01-01T00:00:00Z\"}",
                        "expires_at"),
                Arguments.of("POST /api/users/bulk", "[{\"username\": \"unknownfz2\", \"email\": \"unknownfz2@example.com\","
                        + " \"is_active\": false}]", "[0].is_active"),
                Arguments.of("POST /api/invitations/accept", "{\"token\": \"iwi_x\", \"password\": \"" + PASSWORD
                        + "\", \"user_id\": 1}", "user_id"));
    }

    @ParameterizedTest(name = "{0} naming {2}")
    @MethodSource("unknownFields")
    void unknownFieldIs422NamingItAndChangesNothing(String endpoint, String body, String field) {
        long target = FUZZ.newTarget();
        FUZZ.changesNothing(() -> problemNaming(send(endpoint, target, Entity.json(body)), 422, field));
    }

    static Stream<Arguments> wrongTopLevelShapes() {
        List<Arguments> all = new ArrayList<>();
        for (String endpoint : bodyEndpoints().keySet()) {
            List<String> shapes = endpoint.endsWith("bulk") ? List.of("{}", "\"abc\"", "42", "true", "1e400")
                    : List.of("[]", "[{}]", "\"abc\"", "42", "true", "1e400");
            for (String shape : shapes) {
                all.add(Arguments.of(endpoint, shape));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("wrongTopLevelShapes")
    void bodyOfTheWrongShapeIs400AndChangesNothing(String endpoint, String body) {
        long target = FUZZ.newTarget();
        FUZZ.changesNothing(() -> problem(send(endpoint, target, Entity.json(body)), 400));
    }

    static Stream<String> bodyEndpointNames() {
        return bodyEndpoints().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("bodyEndpointNames")
    void threeMegabyteBodyIs413AndChangesNothing(String endpoint) {
        long target = FUZZ.newTarget();
        String huge = "\"" + "x".repeat(3 * 1024 * 1024) + "\"";
        String body = endpoint.endsWith("bulk") ? "[{\"username\": " + huge + "}]" : "{\"username\": " + huge + "}";
        String sent = endpoint.contains("profile") ? "{\"bio\": " + huge + "}" : body;
        FUZZ.changesNothing(() -> Wire.problem(sendIsolated(endpoint, target, sent), 413));
    }

    @ParameterizedTest
    @MethodSource("bodyEndpointNames")
    void veryLongStringsAre422AndChangeNothing(String endpoint) {
        long target = FUZZ.newTarget();
        String longText = "y".repeat(500_000);
        Object body = switch (endpoint) {
            case "POST /api/users" -> Map.of("username", longText, "email", longText + "@example.com", "password", longText);
            case "PATCH /api/users/{id}" -> Map.of("username", longText, "email", longText + "@example.com", "password", longText);
            case "PUT /api/users/{id}/profile" -> Map.of("display_name", longText, "bio", longText, "website", "https://x.org/" + longText);
            case "POST /api/tokens" -> Map.of("username", longText, "password", longText);
            case "POST /api/invitations/accept" -> Map.of("token", longText, "password", longText);
            default -> List.of(Map.of("username", longText, "email", longText + "@example.com"));
        };
        int expected = endpoint.equals("POST /api/tokens") ? 401 : 422;
        FUZZ.changesNothing(() -> Wire.problem(sendIsolated(endpoint, target, Wire.json(body)), expected));
    }
}
