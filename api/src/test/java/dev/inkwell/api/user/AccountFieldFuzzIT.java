package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.inkwell.api.user.UserFuzzFixture.PASSWORD;
import static dev.inkwell.api.user.UserFuzzFixture.errorFields;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile strings in the account fields of sign-up, sign-in, PATCH /api/users/{id} and POST
 * /api/users/bulk: never a 500; a refusal is always problem+json and changes nothing; passwords
 * are never interpreted. Profiles: {@link ProfileFieldFuzzIT}; invitations: {@link InvitationFuzzIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccountFieldFuzzIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserFuzzFixture FUZZ = new UserFuzzFixture(API);
    static final UserApiFixture USERS = new UserApiFixture(API);

    /** Each invalid name as the username, then as the e-mail address. */
    static Stream<Arguments> invalidUsernamesAndEmails() {
        return UserFuzzFixture.pairs(List.of("username", "email"), UserFuzzFixture::invalidNames);
    }

    // ---------------------------------------------------------------- sign-up

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidUsernamesAndEmails")
    void hostileUsernameOrEmailOnSignUpIs422NamingItAndChangesNothing(String field, String value) {
        String name = ApiApp.unique("fz");
        Map<String, Object> body = new HashMap<>(Map.of("username", name, "email", name + "@example.com", "password", PASSWORD));
        body.put(field, value);
        FUZZ.changesNothing(() -> problemNaming(API.request("/api/users").post(Entity.json(body)), 422, field));
    }

    /** Passwords are never interpreted: whatever 8–256 characters were chosen sign in exactly. */
    @ParameterizedTest
    @MethodSource("dev.inkwell.api.user.UserFuzzFixture#hostileStrings")
    void hostilePasswordSignsInExactlyAsChosen(String value) {
        String password = "pass " + value + " word";
        password = password.length() > 256 ? password.substring(0, 256) : password;
        String name = ApiApp.unique("fzpw");
        object(API.request("/api/users").post(Entity.json(Map.of("username", name, "email", name + "@example.com",
                "password", password))), 201, password);
        try (Response ok = USERS.signIn(name, password)) {
            assertThat(ok.getStatus()).as(Wire.text(ok, password)).isEqualTo(201);
        }
        problem(USERS.signIn(name, password + "x"), 401, password);
    }

    @Test
    void anUnpairedSurrogateInAPasswordIs422() {
        String name = ApiApp.unique("fzsurrogate");
        FUZZ.changesNothing(() -> problemNaming(API.request("/api/users").post(Entity.entity("{\"username\": \"" + name
                + "\", \"email\": \"" + name + "@example.com\", \"password\": \"long enough \\ud800 password\"}",
                MediaType.APPLICATION_JSON_TYPE)), 422, "password"));
    }

    // ---------------------------------------------------------------- sign-in

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.user.UserFuzzFixture#nulTexts")
    void nulInTheUsernameOnSignInIsRefusedAndIssuesNoToken(String value) {
        ApiApp.Session s = API.signUp("fzsignin");
        FUZZ.changesNothing(() -> {
            try (Response r = USERS.signIn(value, s.password())) {
                r.bufferEntity();
                int status = r.getStatus();
                // an unknown user is 401; a name PostgreSQL cannot even hold (NUL) may also be refused as invalid
                assertThat(status).as(r.readEntity(String.class)).isIn(401, 422);
                problem(r, status, s.password());
            }
        });
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.user.UserFuzzFixture#nonNulTexts")
    void hostileUsernameWithoutNulOnSignInIs401(String value) {
        problem(USERS.signIn(value, PASSWORD), 401);
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.user.UserFuzzFixture#hostileStrings")
    void hostilePasswordOnSignInIs401AndIssuesNoToken(String value) {
        ApiApp.Session s = API.signUp("fzsignpw");
        FUZZ.changesNothing(() -> problem(USERS.signIn(s.username(), value), 401));
    }

    // ---------------------------------------------------------------- PATCH /api/users/{id}

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidUsernamesAndEmails")
    void hostileUsernameOrEmailInPatchIs422NamingItAndChangesNothing(String field, String value) {
        ApiApp.Session s = API.signUp("fzpatch");
        FUZZ.changesNothing(() -> problemNaming(patch(API.request("/api/users/" + s.id(), s.token()), Map.of(field, value)), 422, field));
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.user.UserFuzzFixture#hostileStrings")
    void hostileRoleInPatchByAnAdminIs422AndChangesNothing(String value) {
        long target = FUZZ.newTarget();
        FUZZ.changesNothing(() -> problemNaming(patch(API.request("/api/users/" + target, API.sharedAdmin().token()),
                Map.of("role", value)), 422, "role"));
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.user.UserFuzzFixture#hostileStrings")
    void hostilePasswordInPatchIsNeverStoredAsGiven(String value) {
        ApiApp.Session s = API.signUp("fzpatchpw");
        try (Response r = patch(API.request("/api/users/" + s.id(), s.token()), Map.of("password", value, "current_password", s.password()))) {
            String body = Wire.text(r);
            assertThat(r.getStatus()).as(body).isIn(200, 422);
        }
        String hash = Wire.column(API.jdbi(), s.id(), "password_hash", String.class);
        assertThat(hash).startsWith("$argon2id$").isNotEqualTo(value);
        if (value.length() >= 3) {
            assertThat(hash).doesNotContain(value);
        }
    }

    // ---------------------------------------------------------------- POST /api/users/bulk

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.user.UserFuzzFixture#invalidNames")
    void hostileUsernameInBulkIs422NamingTheItemAndChangesNothing(String value) {
        String name = ApiApp.unique("fzbulk");
        FUZZ.changesNothing(() -> assertThat(errorFields(Wire.problem(Wire.isolated(API, "POST", "/api/users/bulk", API.sharedAdmin().token(),
                Wire.json(List.of(Map.of("username", name, "email", name + "@example.com"),
                        Map.of("username", value, "email", name + "-2@example.com")))), 422)))
                .containsExactly("[1].username"));
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.user.UserFuzzFixture#invalidNames")
    void hostileEmailInBulkIs422NamingTheItemAndChangesNothing(String value) {
        String name = ApiApp.unique("fzbulkmail");
        FUZZ.changesNothing(() -> assertThat(errorFields(Wire.problem(Wire.isolated(API, "POST", "/api/users/bulk", API.sharedAdmin().token(),
                Wire.json(List.of(Map.of("username", name, "email", value)))), 422)))
                .containsExactly("[0].email"));
    }
}
