package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.inkwell.api.user.Wire.assertUnauthorized;
import static dev.inkwell.api.user.Wire.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/tokens}, a sign-in refused: 401 with the Bearer challenge, alike for an unknown
 * user and a wrong password, for a deactivated user or one without a password, for a username
 * that is no exact match (no wildcards, no e-mail address) and a password that is not exactly
 * the user's; 422 and 400 for a body that is no sign-in. No token is issued.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TokenSignInRefusalApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserApiFixture USERS = new UserApiFixture(API);

    private static long tokensOf(long userId) {
        return USERS.rowsOf("api_tokens", userId);
    }

    // ---------------------------------------------------------------- POST /api/tokens: 401

    @Test
    void wrongPasswordIs401WithChallenge() {
        ApiApp.Session s = API.signUp("wrongpw");
        long before = tokensOf(s.id());
        assertUnauthorized(USERS.signIn(s.username(), s.password() + "x"), s.password());
        assertThat(tokensOf(s.id())).isEqualTo(before);
    }

    @Test
    void unknownUserIs401WithChallenge() {
        assertUnauthorized(USERS.signIn(ApiApp.unique("nobody"), "whatever password"));
    }

    @Test
    void unknownUserAndWrongPasswordAreAnsweredAlike() {
        ApiApp.Session s = API.signUp("alike");
        Map<String, Object> wrongPassword = problem(USERS.signIn(s.username(), "not the password"), 401);
        Map<String, Object> unknownUser = problem(USERS.signIn(ApiApp.unique("ghost"), "not the password"), 401);
        // Alike but for the request id, which every answer has its own of.
        assertThat(unknownUser).containsKey("request_id").isNotEqualTo(wrongPassword);
        unknownUser.remove("request_id");
        wrongPassword.remove("request_id");
        assertThat(unknownUser).isEqualTo(wrongPassword);
    }

    @Test
    void deactivatedUserIs401WithChallenge() {
        ApiApp.Session s = API.signUp("inactive");
        API.jdbi().useHandle(h -> h.createUpdate("UPDATE users SET is_active = false WHERE id = :id").bind("id", s.id()).execute());
        assertUnauthorized(USERS.signIn(s.username(), s.password()), s.password());
    }

    @Test
    void userWithoutPasswordCannotSignIn() {
        String name = ApiApp.unique("bulkish");
        API.jdbi().useHandle(h -> h.createUpdate("INSERT INTO users (username, email) VALUES (:u, :e)")
                .bind("u", name).bind("e", name.toLowerCase() + "@example.com").execute());
        assertUnauthorized(USERS.signIn(name, ""));
        assertUnauthorized(USERS.signIn(name, "any password at all"));
    }

    @Test
    void signInWithoutPasswordIs401() {
        ApiApp.Session s = API.signUp("nopw");
        assertUnauthorized(USERS.signIn(Map.of("username", s.username())));
    }

    @Test
    void signInWithAnEmptyObjectIs401() {
        assertUnauthorized(USERS.signIn("{}"));
    }

    @Test
    void signInWithTooLongUsernameIs401() {
        assertUnauthorized(USERS.signIn("u".repeat(10_000), "whatever password"));
    }

    @Test
    void signInWithTheEmailInsteadOfTheUsernameIs401() {
        ApiApp.Session s = API.signUp("byemail");
        assertUnauthorized(USERS.signIn(s.username().toLowerCase() + "@example.com", s.password()));
    }

    @Test
    void percentAsUsernameIsNoWildcard() {
        ApiApp.Session s = API.signUp("percent");
        long before = tokensOf(s.id());
        assertUnauthorized(USERS.signIn("%", s.password()), s.password());
        // "%" alone would match every user; the name but its last character matches this user alone
        // (the name is unique), so compared with LIKE the right password would sign them in.
        assertUnauthorized(USERS.signIn(s.username().substring(0, s.username().length() - 1) + "%", s.password()), s.password());
        assertThat(tokensOf(s.id())).isEqualTo(before);
    }

    @Test
    void underscoreInUsernameIsNoWildcard() {
        ApiApp.Session s = API.signUp("under-score");
        // "under_score-..." would match "under-score-..." if the name were compared with LIKE
        assertUnauthorized(USERS.signIn(s.username().replace('-', '_'), s.password()));
    }

    @Test
    void passwordIsComparedExactly() {
        ApiApp.Session s = API.signUp("exact");
        assertUnauthorized(USERS.signIn(s.username(), s.password().toUpperCase()));
        assertUnauthorized(USERS.signIn(s.username(), " " + s.password()));
        assertUnauthorized(USERS.signIn(s.username(), s.password().substring(0, s.password().length() - 1)));
    }

    // ---------------------------------------------------------------- POST /api/tokens: 400, 422

    @Test
    void signInWithoutBodyIs422() {
        problem(API.request("/api/tokens").post(null), 422);
    }

    @Test
    void signInWithUnknownFieldIs422() {
        ApiApp.Session s = API.signUp("remember");
        long before = tokensOf(s.id());
        Wire.problemNaming(USERS.signIn(Map.of("username", s.username(), "password", s.password(), "remember_me", true)), 422,
                "remember_me");
        assertThat(tokensOf(s.id())).isEqualTo(before);
    }

    @Test
    void signInWithAnObjectForTheUsernameIs422() {
        Wire.problemNaming(USERS.signIn("{\"username\": {\"$ne\": null}, \"password\": \"x\"}"), 422, "username");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"username\": \"a\", \"password\": }", "username=a&password=b", "{\"username\": \"a\"} x"})
    void signInWithMalformedJsonIs400(String body) {
        problem(USERS.signIn(body), 400);
    }

    @Test
    void signInWithAnArrayBodyIs400() {
        problem(USERS.signIn("[{\"username\": \"a\", \"password\": \"b\"}]"), 400);
    }
}
