package dev.inkwell.api.user;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.api.http.LogLines;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static dev.inkwell.api.user.UserApiFixture.UNKNOWN_ID;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/users/{id}/invitations} (admins issue an invitation or a password reset) and
 * {@code POST /api/invitations/accept} (the user sets their password with its token).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InvitationsApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserApiFixture USERS = new UserApiFixture(API);

    private static Response invite(String token, long userId) {
        return API.request("/api/users/" + userId + "/invitations", token).post(null);
    }

    /** Issues an invitation of {@code userId} as the admin and returns its token. */
    private static String invited(long userId) {
        return (String) object(invite(API.sharedAdmin().token(), userId), 201).get("token");
    }

    private static Response accept(Object body) {
        return API.request("/api/invitations/accept").post(body instanceof String s ? Entity.json(s) : Entity.json(body));
    }

    private static Response accept(String token, String password) {
        return accept(Map.of("token", token, "password", password));
    }

    /** A user made like bulk creation makes them (no password); returns their id. */
    private static long passwordless(String stem) {
        String name = ApiApp.unique(stem);
        return API.jdbi().withHandle(h -> h.createQuery("INSERT INTO users (username, email) VALUES (:u, :e) RETURNING id")
                .bind("u", name).bind("e", name.toLowerCase() + "@example.com").mapTo(Long.class).one());
    }

    private static String username(long id) {
        return Wire.column(API.jdbi(), id, "username", String.class);
    }

    /** The problem of an unusable token, without its request id (which every answer has its own of). */
    private static Map<String, Object> unusable(Response r) {
        Map<String, Object> problem = problemNaming(r, 409, "token");
        problem.remove("request_id");
        return problem;
    }

    // ---------------------------------------------------------------- the whole way

    @Test
    void aBulkCreatedUserIsInvitedSetsAPasswordAndSignsIn() {
        String name = ApiApp.unique("newcomer");
        object(API.request("/api/users/bulk", API.sharedAdmin().token()).post(Entity.json(List.of(
                Map.of("username", name, "email", name + "@example.com")))), 201);
        long id = API.jdbi().withHandle(h -> h.createQuery("SELECT id FROM users WHERE username = :u").bind("u", name)
                .mapTo(Long.class).one());
        assertThat(USERS.signInStatus(name, "chosen by the newcomer")).as("no password yet").isEqualTo(401);

        Map<String, Object> invitation = object(invite(API.sharedAdmin().token(), id), 201);
        assertThat(invitation).containsEntry("kind", "invitation").containsEntry("user_id", (int) id);
        Map<String, Object> user = object(accept((String) invitation.get("token"), "chosen by the newcomer"), 200,
                "chosen by the newcomer");

        assertThat(user).containsEntry("username", name).containsEntry("email", name.toLowerCase() + "@example.com");
        String token = (String) object(API.request("/api/tokens").post(Entity.json(Map.of("username", name,
                "password", "chosen by the newcomer"))), 201).get("token");
        assertThat(USERS.statusWith(new ApiApp.Session(id, name, "chosen by the newcomer", token), token)).isEqualTo(200);
    }

    @Test
    void theInvitationIsShownOnceWithItsKindAndExpiryAndNoCacheMayKeepIt() {
        long id = passwordless("shown");
        try (Response r = invite(API.sharedAdmin().token(), id)) {
            assertThat(r.getHeaderString(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
            Map<String, Object> invitation = object(r, 201);
            assertThat(invitation).containsOnlyKeys("user_id", "kind", "token", "expires_at");
            assertThat((String) invitation.get("token")).startsWith("iwi_").hasSizeGreaterThan(40);
            OffsetDateTime expiresAt = OffsetDateTime.parse((String) invitation.get("expires_at"));
            OffsetDateTime now = OffsetDateTime.now();
            assertThat(expiresAt).isBetween(now.plus(Duration.ofDays(3)).minusMinutes(5), now.plus(Duration.ofDays(3)).plusMinutes(5));
        }
    }

    @Test
    void theDatabaseKeepsOnlyTheSha256OfTheToken() throws Exception {
        long id = passwordless("hashed");
        String token = invited(id);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        List<byte[]> stored = API.jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM invitations WHERE user_id = :id")
                .bind("id", id).mapTo(byte[].class).list());
        assertThat(stored).hasSize(1).allSatisfy(hash -> assertThat(hash).isEqualTo(expected));
    }

    @Test
    void noLogLineCarriesTheToken() throws Exception {
        long id = passwordless("logged");
        String requestId = "accept-" + ApiApp.unique("log");
        String[] token = new String[1];
        List<ILoggingEvent> lines = LogLines.during(org.slf4j.Logger.ROOT_LOGGER_NAME, () -> {
            token[0] = invited(id);
            try (Response r = API.request("/api/invitations/accept").header("X-Request-Id", requestId)
                    .post(Entity.json(Map.of("token", token[0], "password", "a password to log")))) {
                assertThat(r.getStatus()).isEqualTo(200);
            }
            return requestId;
        });
        assertThat(lines).as("lines of the request log and the application").isNotEmpty()
                .noneSatisfy(line -> assertThat(line.getFormattedMessage()).contains(token[0].substring(4)))
                .noneSatisfy(line -> assertThat(line.getFormattedMessage()).contains("a password to log"));
    }

    // ---------------------------------------------------------------- once, and only while pending

    @Test
    void anInvitationUsedTwiceFailsTheSecondTime() {
        long id = passwordless("twice");
        String token = invited(id);
        object(accept(token, "the first password"), 200);
        String before = snapshot(API.jdbi());

        unusable(accept(token, "the second password"));

        assertThat(snapshot(API.jdbi())).isEqualTo(before);
        assertThat(USERS.signInStatus(username(id), "the first password")).isEqualTo(201);
        assertThat(USERS.signInStatus(username(id), "the second password")).isEqualTo(401);
    }

    @Test
    void unknownExpiredAndUsedTokensAnswerTheSameProblem() {
        long used = passwordless("used");
        String usedToken = invited(used);
        object(accept(usedToken, "a fine password"), 200);
        long expired = passwordless("expired");
        String expiredToken = invited(expired);
        API.jdbi().useHandle(h -> h.createUpdate("""
                UPDATE invitations SET created_at = now() - interval '4 days', expires_at = now() - interval '1 day'
                 WHERE user_id = :id""").bind("id", expired).execute());

        Map<String, Object> unknown = unusable(accept("iwi_" + "A".repeat(43), "a fine password"));
        assertThat(unusable(accept(usedToken, "a fine password"))).isEqualTo(unknown);
        assertThat(unusable(accept(expiredToken, "a fine password"))).isEqualTo(unknown);
        assertThat(unusable(accept("not even a token", "a fine password"))).isEqualTo(unknown);
        assertThat(Wire.column(API.jdbi(), expired, "password_hash", String.class)).isNull();
    }

    @Test
    void twoUsesOfOneTokenAtOnceSetOnePasswordAndTheOtherIs409() throws Exception {
        long id = passwordless("racer");
        String token = invited(id);
        List<Callable<Integer>> uses = List.of("password number one", "password number two").stream()
                .<Callable<Integer>>map(password -> () -> {
                    try (Response r = accept(token, password)) {
                        Wire.text(r, password);
                        return r.getStatus();
                    }
                }).toList();

        List<Integer> statuses = JsonHttp.together(uses);

        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        String winner = statuses.get(0) == 200 ? "password number one" : "password number two";
        String loser = statuses.get(0) == 200 ? "password number two" : "password number one";
        assertThat(USERS.signInStatus(username(id), winner)).isEqualTo(201);
        assertThat(USERS.signInStatus(username(id), loser)).isEqualTo(401);
    }

    @Test
    void aNewInvitationReplacesThePendingOne() {
        long id = passwordless("reissued");
        String first = invited(id);
        String second = invited(id);
        unusable(accept(first, "a fine password"));
        object(accept(second, "a fine password"), 200);
    }

    @Test
    void anInvalidPasswordIs422AndTheTokenStaysUsable() {
        long id = passwordless("weak");
        String token = invited(id);
        String before = snapshot(API.jdbi());
        problemNaming(accept(token, "short"), 422, "password");
        problemNaming(accept(token, "        "), 422, "password");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
        object(accept(token, "long enough now"), 200);
    }

    @Test
    void aMissingTokenOrPasswordIs422NamingEach() {
        problemNaming(accept("{}"), 422, "token", "password");
        problemNaming(accept(Map.of("password", "a fine password")), 422, "token");
        problemNaming(accept(Map.of("token", "", "password", "a fine password")), 422, "token");
        problem(API.request("/api/invitations/accept").post(null), 422);
    }

    @Test
    void anInvitationTokenIsNoBearerToken() {
        ApiApp.Session s = API.signUp("notbearer");
        String token = invited(s.id());
        assertThat(USERS.statusWith(s, token)).isEqualTo(401);
    }

    // ---------------------------------------------------------------- resets

    @Test
    void aResetEndsEverySessionAndTheOldPassword() {
        ApiApp.Session s = API.signUp("forgot");
        String other = API.signIn(s.username(), s.password());
        Map<String, Object> reset = object(invite(API.sharedAdmin().token(), s.id()), 201);
        assertThat(reset).containsEntry("kind", "reset");

        object(accept((String) reset.get("token"), "a brand new password"), 200, s.password());

        assertThat(USERS.statusWith(s, s.token())).isEqualTo(401);
        assertThat(USERS.statusWith(s, other)).isEqualTo(401);
        assertThat(USERS.signInStatus(s.username(), s.password())).isEqualTo(401);
        assertThat(USERS.signInStatus(s.username(), "a brand new password")).isEqualTo(201);
    }

    @Test
    void aPasswordChangeEndsAPendingReset() {
        ApiApp.Session s = API.signUp("remembered");
        String token = invited(s.id());
        object(patch(API.request("/api/users/" + s.id(), s.token()),
                Map.of("password", "remembered it after all", "current_password", s.password())), 200);
        unusable(accept(token, "the reset password"));
        assertThat(USERS.signInStatus(s.username(), "remembered it after all")).isEqualTo(201);
    }

    @Test
    void deactivationEndsAPendingInvitationAndReactivationRevivesNone() {
        long id = passwordless("paused");
        String token = invited(id);
        object(patch(API.request("/api/users/" + id, API.sharedAdmin().token()), Map.of("is_active", false)), 200);
        object(patch(API.request("/api/users/" + id, API.sharedAdmin().token()), Map.of("is_active", true)), 200);
        unusable(accept(token, "a fine password"));
    }

    @Test
    void theKeptUserPagesShowTheChangeAtOnce() {
        long id = passwordless("listed");
        String token = invited(id);
        long rank = API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE id <= :id").bind("id", id)
                .mapTo(Long.class).one());
        String page = "/api/users?per_page=100&page=" + ((rank - 1) / 100 + 1);
        OffsetDateTime before = updatedAtIn(object(API.request(page).get(), 200), id);

        Map<String, Object> user = object(accept(token, "a fine password"), 200);

        OffsetDateTime after = OffsetDateTime.parse((String) user.get("updated_at"));
        assertThat(after).isAfter(before);
        assertThat(updatedAtIn(object(API.request(page).get(), 200), id)).isAtSameInstantAs(after);
    }

    private static OffsetDateTime updatedAtIn(Map<String, Object> page, long id) {
        return OffsetDateTime.parse((String) Wire.items(page).stream().filter(u -> Wire.id(u) == id).findFirst().orElseThrow()
                .get("updated_at"));
    }

    // ---------------------------------------------------------------- who may invite whom

    @Test
    void aUserWhoIsNoAdminIs403AndIssuesNothing() {
        ApiApp.Session s = API.signUp("notadmin");
        long target = passwordless("target");
        String before = snapshot(API.jdbi());
        problem(invite(s.token(), target), 403);
        problem(invite(s.token(), s.id()), 403);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void anAnonymousCallerIs401() {
        problem(API.request("/api/users/" + passwordless("anon") + "/invitations").post(null), 401);
    }

    @Test
    void noSuchUserIs404() {
        problem(invite(API.sharedAdmin().token(), UNKNOWN_ID), 404);
    }

    @Test
    void aDeactivatedUserIs409AndGetsNoInvitation() {
        long id = passwordless("inactive");
        object(patch(API.request("/api/users/" + id, API.sharedAdmin().token()), Map.of("is_active", false)), 200);
        String before = snapshot(API.jdbi());
        problemNaming(invite(API.sharedAdmin().token(), id), 409, "is_active");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void anAdminCannotInviteThemself() {
        ApiApp.Session self = API.admin();
        String before = snapshot(API.jdbi());
        problem(invite(self.token(), self.id()), 403);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }
}
