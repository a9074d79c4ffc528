package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static dev.inkwell.api.user.UserApiFixture.PASSWORD;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.signUpBody;
import static dev.inkwell.api.user.Wire.usersNamed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/users}, a sign-up refused for its body, creating nobody: invalid, missing,
 * null, unknown or wrongly typed fields are 422 naming each; a missing body 422; malformed JSON
 * or JSON that is no object 400; another media type 415; a body past the size limit 413, with
 * or without Content-Length. Sign-ups that succeed or find a name taken: {@link UsersSignUpApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UsersSignUpRefusalApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserApiFixture USERS = new UserApiFixture(API);

    /**
     * Signs {@code name} up with a password of 3 MB, past the server's limit on a body's size, on a
     * connection of its own (the server may drop it); {@code chunked} sends it without Content-Length.
     */
    private static Wire.Raw postThreeMegabytes(String name, boolean chunked) {
        String body = "{\"username\": \"" + name + "\", \"email\": \"" + name + "@example.com\", \"password\": \""
                + "p".repeat(3 * 1024 * 1024) + "\"}";
        return Wire.isolated(API, "POST", "/api/users", null, body, chunked);
    }

    // ---------------------------------------------------------------- 422

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @MethodSource("invalidFields")
    void signUpWithAnInvalidFieldIs422NamingItAndCreatesNothing(String field, String value) {
        String name = ApiApp.unique("bad");
        Map<String, Object> body = new HashMap<>(signUpBody(name, PASSWORD));
        body.put(field, value);
        long before = Wire.userCount(API.jdbi());
        problemNaming(USERS.signUp(body), 422, field);
        assertThat(Wire.userCount(API.jdbi())).isEqualTo(before);
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("username", "ab"),
                Arguments.of("username", "x".repeat(65)),
                Arguments.of("username", "with space"),
                Arguments.of("username", "ümlaut"),
                Arguments.of("username", ""),
                Arguments.of("email", "no-at-sign"),
                Arguments.of("email", "two@@example.com"),
                Arguments.of("email", "no-tld@example"),
                Arguments.of("email", "x".repeat(250) + "@example.com"),
                Arguments.of("email", ""),
                Arguments.of("password", "7 chars"),
                Arguments.of("password", "x".repeat(257)),
                Arguments.of("password", "          "),
                Arguments.of("password", ""));
    }

    @Test
    void signUpWithEveryFieldWrongNamesThemAll() {
        problemNaming(USERS.signUp(Map.of("username", "x", "email", "nope", "password", "short")), 422,
                "username", "email", "password");
    }

    @Test
    void signUpWithAnEmptyObjectNamesEveryRequiredField() {
        problemNaming(USERS.signUp("{}"), 422, "username", "email", "password");
    }

    @Test
    void signUpWithNullFieldsNamesThemAll() {
        problemNaming(USERS.signUp("{\"username\": null, \"email\": null, \"password\": null}"), 422, "username", "email", "password");
    }

    @Test
    void signUpWithUnknownFieldIs422AndCreatesNothing() {
        String name = ApiApp.unique("sneaky");
        Map<String, Object> body = new HashMap<>(signUpBody(name, PASSWORD));
        body.put("role", "admin");
        problemNaming(USERS.signUp(body), 422, "role");
        assertThat(usersNamed(API.jdbi(), name)).isZero();
    }

    @Test
    void signUpCannotSetIsActive() {
        String name = ApiApp.unique("inactive");
        Map<String, Object> body = new HashMap<>(signUpBody(name, PASSWORD));
        body.put("is_active", false);
        problemNaming(USERS.signUp(body), 422, "is_active");
        assertThat(usersNamed(API.jdbi(), name)).isZero();
    }

    @Test
    void signUpWithObjectForUsernameIs422NamingIt() {
        problemNaming(USERS.signUp("{\"username\": {\"name\": \"abc\"}, \"email\": \"o@example.com\", \"password\": \"" + PASSWORD + "\"}"),
                422, "username");
    }

    @Test
    void signUpWithArrayForEmailIs422NamingIt() {
        problemNaming(USERS.signUp("{\"username\": \"arrays\", \"email\": [\"a@example.com\"], \"password\": \"" + PASSWORD + "\"}"),
                422, "email");
    }

    @Test
    void signUpWithEmptyBodyIs422() {
        problem(USERS.signUp(""), 422);
    }

    @Test
    void signUpWithJsonNullIs422() {
        problem(USERS.signUp("null"), 422);
    }

    /** ViolationExceptionMapper promises: "A missing body ... is reported as field body". */
    @Test
    void signUpWithoutBodyNamesFieldBody() {
        problemNaming(API.request("/api/users").post(null), 422, "body");
    }

    // ---------------------------------------------------------------- 400, 413, 415

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"username\":", "{\"username\": \"abc\"", "{'username': 'abc'}", "{username: \"abc\"}",
            "nul", "{\"username\": \"abc\",}", "{} {}", "{\"username\": \"a\\x\"}"})
    void signUpWithMalformedJsonIs400AndCreatesNothing(String body) {
        long before = Wire.userCount(API.jdbi());
        problem(USERS.signUp(body), 400);
        assertThat(Wire.userCount(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"username\": \"abc\"}]", "\"abc\"", "42", "true"})
    void signUpWithABodyThatIsNotAnObjectIs400(String body) {
        problem(USERS.signUp(body), 400);
    }

    @Test
    void signUpAsTextPlainIs415() {
        problem(API.request("/api/users").post(Entity.text("username=abc")), 415);
    }

    @Test
    void signUpWithA3MegabyteBodyIs413AndCreatesNothing() {
        String name = ApiApp.unique("huge");
        Wire.problem(postThreeMegabytes(name, false), 413);
        assertThat(usersNamed(API.jdbi(), name)).isZero();
    }

    @Test
    void signUpWithA3MegabyteChunkedBodyIs413AndCreatesNothing() {
        String name = ApiApp.unique("chunked");
        // a stream of unknown length goes out chunked, without Content-Length: the server must count
        Wire.problem(postThreeMegabytes(name, true), 413);
        assertThat(usersNamed(API.jdbi(), name)).isZero();
    }
}
