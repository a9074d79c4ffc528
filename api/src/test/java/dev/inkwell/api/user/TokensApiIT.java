package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/tokens} (sign-in) and {@code DELETE /api/tokens/current} (sign-out). */
@ExtendWith(DropwizardExtensionsSupport.class)
class TokensApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    private static Response signIn(Object body) {
        return API.request("/api/tokens").post(body instanceof String s ? Entity.json(s) : Entity.json(body));
    }

    private static Response signIn(String username, String password) {
        return signIn(Map.of("username", username, "password", password));
    }

    /** 200 while {@code token} works for its owner {@code s}, 401 once it does not. */
    private static int statusWith(ApiApp.Session s, String token) {
        try (Response r = patch(API.request("/api/users/" + s.id(), token), "{}")) {
            Wire.text(r, s.password());
            return r.getStatus();
        }
    }

    /** Asserts a 401 problem carrying the Bearer challenge. */
    private static void assertUnauthorized(Response r, String... secrets) {
        String challenge = r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
        problem(r, 401, secrets);
        assertThat(challenge).as("WWW-Authenticate").isNotNull().startsWith("Bearer");
    }

    private static long tokensOf(long userId) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM api_tokens WHERE user_id = :id")
                .bind("id", userId).mapTo(Long.class).one());
    }

    // ---------------------------------------------------------------- POST /api/tokens: success

    @Test
    void signInAnswers201WithTokenAndExpiry() {
        ApiApp.Session s = API.signUp("signin");
        Map<String, Object> token = object(signIn(s.username(), s.password()), 201, s.password());
        assertThat(token).containsOnlyKeys("token", "expires_at");
        assertThat((String) token.get("token")).startsWith("iw_").hasSizeGreaterThan(40);
    }

    @Test
    void tokenExpiresAboutThirtyDaysFromNow() {
        ApiApp.Session s = API.signUp("expiry");
        Map<String, Object> token = object(signIn(s.username(), s.password()), 201);
        OffsetDateTime expiresAt = OffsetDateTime.parse((String) token.get("expires_at"));
        OffsetDateTime now = OffsetDateTime.now();
        assertThat(expiresAt).isBetween(now.plus(Duration.ofDays(30)).minusMinutes(5), now.plus(Duration.ofDays(30)).plusMinutes(5));
    }

    @Test
    void tokenWorksAsBearerCredentials() {
        ApiApp.Session s = API.signUp("bearer");
        String token = (String) object(signIn(s.username(), s.password()), 201).get("token");
        assertThat(statusWith(s, token)).isEqualTo(200);
    }

    @Test
    void eachSignInIssuesADifferentToken() {
        ApiApp.Session s = API.signUp("twice");
        assertThat(API.signIn(s.username(), s.password())).isNotEqualTo(API.signIn(s.username(), s.password()));
    }

    @Test
    void signInIgnoresTheCaseOfTheUsername() {
        ApiApp.Session s = API.signUp("CaseUser");
        object(signIn(s.username().toUpperCase(), s.password()), 201);
    }

    @Test
    void theDatabaseKeepsOnlyTheSha256OfTheToken() throws Exception {
        ApiApp.Session s = API.signUp("hashedtoken");
        String token = API.signIn(s.username(), s.password());
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        List<byte[]> stored = API.jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM api_tokens WHERE user_id = :id")
                .bind("id", s.id()).mapTo(byte[].class).list());
        assertThat(stored).anySatisfy(hash -> assertThat(hash).isEqualTo(expected));
        assertThat(stored).noneSatisfy(hash -> assertThat(new String(hash, StandardCharsets.UTF_8)).contains(token));
    }

    // ---------------------------------------------------------------- POST /api/tokens: 401

    @Test
    void wrongPasswordIs401WithChallenge() {
        ApiApp.Session s = API.signUp("wrongpw");
        long before = tokensOf(s.id());
        assertUnauthorized(signIn(s.username(), s.password() + "x"), s.password());
        assertThat(tokensOf(s.id())).isEqualTo(before);
    }

    @Test
    void unknownUserIs401WithChallenge() {
        assertUnauthorized(signIn(ApiApp.unique("nobody"), "whatever password"));
    }

    @Test
    void unknownUserAndWrongPasswordAreAnsweredAlike() {
        ApiApp.Session s = API.signUp("alike");
        Map<String, Object> wrongPassword = problem(signIn(s.username(), "not the password"), 401);
        Map<String, Object> unknownUser = problem(signIn(ApiApp.unique("ghost"), "not the password"), 401);
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
        assertUnauthorized(signIn(s.username(), s.password()), s.password());
    }

    @Test
    void userWithoutPasswordCannotSignIn() {
        String name = ApiApp.unique("bulkish");
        API.jdbi().useHandle(h -> h.createUpdate("INSERT INTO users (username, email) VALUES (:u, :e)")
                .bind("u", name).bind("e", name.toLowerCase() + "@example.com").execute());
        assertUnauthorized(signIn(name, ""));
        assertUnauthorized(signIn(name, "any password at all"));
    }

    @Test
    void signInWithoutPasswordIs401() {
        ApiApp.Session s = API.signUp("nopw");
        assertUnauthorized(signIn(Map.of("username", s.username())));
    }

    @Test
    void signInWithAnEmptyObjectIs401() {
        assertUnauthorized(signIn("{}"));
    }

    @Test
    void signInWithTooLongUsernameIs401() {
        assertUnauthorized(signIn("u".repeat(10_000), "whatever password"));
    }

    @Test
    void signInWithTheEmailInsteadOfTheUsernameIs401() {
        ApiApp.Session s = API.signUp("byemail");
        assertUnauthorized(signIn(s.username().toLowerCase() + "@example.com", s.password()));
    }

    @Test
    void percentAsUsernameIsNoWildcard() {
        ApiApp.Session s = API.signUp("percent");
        assertUnauthorized(signIn("%", s.password()));
        assertUnauthorized(signIn(s.username().substring(0, 4) + "%", s.password()));
    }

    @Test
    void underscoreInUsernameIsNoWildcard() {
        ApiApp.Session s = API.signUp("under-score");
        // "under_score-..." would match "under-score-..." if the name were compared with LIKE
        assertUnauthorized(signIn(s.username().replace('-', '_'), s.password()));
    }

    @Test
    void passwordIsComparedExactly() {
        ApiApp.Session s = API.signUp("exact");
        assertUnauthorized(signIn(s.username(), s.password().toUpperCase()));
        assertUnauthorized(signIn(s.username(), " " + s.password()));
        assertUnauthorized(signIn(s.username(), s.password().substring(0, s.password().length() - 1)));
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
        Wire.problemNaming(signIn(Map.of("username", s.username(), "password", s.password(), "remember_me", true)), 422,
                "remember_me");
        assertThat(tokensOf(s.id())).isEqualTo(before);
    }

    @Test
    void signInWithAnObjectForTheUsernameIs422() {
        Wire.problemNaming(signIn("{\"username\": {\"$ne\": null}, \"password\": \"x\"}"), 422, "username");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"username\": \"a\", \"password\": }", "username=a&password=b", "{\"username\": \"a\"} x"})
    void signInWithMalformedJsonIs400(String body) {
        problem(signIn(body), 400);
    }

    @Test
    void signInWithAnArrayBodyIs400() {
        problem(signIn("[{\"username\": \"a\", \"password\": \"b\"}]"), 400);
    }

    // ---------------------------------------------------------------- tokens that must not work

    @Test
    void expiredTokenIs401() {
        ApiApp.Session s = API.signUp("expired");
        API.jdbi().useHandle(h -> h.createUpdate("""
                UPDATE api_tokens SET created_at = now() - interval '31 days', expires_at = now() - interval '1 day'
                 WHERE user_id = :id
                """).bind("id", s.id()).execute());
        assertUnauthorized(patch(API.request("/api/users/" + s.id(), s.token()), "{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "iw_", "iw_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "' OR 1=1 --", "iw_' OR '1'='1"})
    void forgedTokenIs401(String token) {
        ApiApp.Session s = API.signUp("forged");
        assertUnauthorized(patch(API.request("/api/users/" + s.id(), token), "{}"));
    }

    @Test
    void veryLongTokenIs401() {
        ApiApp.Session s = API.signUp("longtoken");
        assertUnauthorized(patch(API.request("/api/users/" + s.id(), "iw_" + "A".repeat(5000)), "{}"));
    }

    @Test
    void tokenWithAnExtraCharacterIs401() {
        ApiApp.Session s = API.signUp("extra");
        assertUnauthorized(patch(API.request("/api/users/" + s.id(), s.token() + "A"), "{}"));
    }

    // ---------------------------------------------------------------- DELETE /api/tokens/current

    @Test
    void signOutIs204() {
        ApiApp.Session s = API.signUp("signout");
        Wire.noContent(API.request("/api/tokens/current", s.token()).delete());
    }

    @Test
    void signedOutTokenIs401() {
        ApiApp.Session s = API.signUp("signedout");
        Wire.noContent(API.request("/api/tokens/current", s.token()).delete());
        assertUnauthorized(patch(API.request("/api/users/" + s.id(), s.token()), "{}"));
    }

    @Test
    void signOutTwiceIs401TheSecondTime() {
        ApiApp.Session s = API.signUp("signouttwice");
        Wire.noContent(API.request("/api/tokens/current", s.token()).delete());
        assertUnauthorized(API.request("/api/tokens/current", s.token()).delete());
    }

    @Test
    void signOutLeavesTheUsersOtherTokensWorking() {
        ApiApp.Session s = API.signUp("othertokens");
        String other = API.signIn(s.username(), s.password());
        Wire.noContent(API.request("/api/tokens/current", s.token()).delete());
        assertThat(statusWith(s, other)).isEqualTo(200);
    }

    @Test
    void signOutWithoutTokenIs401() {
        String before = snapshot(API.jdbi());
        assertUnauthorized(API.request("/api/tokens/current").delete());
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void signOutWithABadTokenIs401() {
        assertUnauthorized(API.request("/api/tokens/current", "iw_forged").delete());
    }

    @Test
    void signedOutUserCanSignInAgain() {
        ApiApp.Session s = API.signUp("again");
        Wire.noContent(API.request("/api/tokens/current", s.token()).delete());
        String token = API.signIn(s.username(), s.password());
        assertThat(statusWith(s, token)).isEqualTo(200);
    }
}
