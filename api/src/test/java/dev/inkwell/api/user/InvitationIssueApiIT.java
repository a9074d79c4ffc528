package dev.inkwell.api.user;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.persistence.testing.TokenHash;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import dev.inkwell.api.http.LogLines;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static dev.inkwell.api.user.UserApiFixture.UNKNOWN_ID;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/users/{id}/invitations}: an admin issues an invitation (or, to a user with a
 * password, a reset), shown once and kept by no cache, expiring in three days, stored as its
 * SHA-256 and never logged; anyone else is 403 or 401, an unknown or deactivated user and the
 * admin themself get none. Using it: {@link InvitationAcceptApiIT}, {@link InvitationPendingApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InvitationIssueApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserApiFixture USERS = new UserApiFixture(API);
    static final InvitationFixture INVITES = new InvitationFixture(API);

    // ---------------------------------------------------------------- what an invitation is

    @Test
    void theInvitationIsShownOnceWithItsKindAndExpiryAndNoCacheMayKeepIt() {
        long id = USERS.passwordless("shown");
        try (Response r = INVITES.invite(API.sharedAdmin().token(), id)) {
            assertThat(r.getHeaderString(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
            Map<String, Object> invitation = object(r, 201);
            assertThat(invitation).containsOnlyKeys("user_id", "kind", "token", "expires_at");
            assertThat(invitation).as("a user without a password is invited, not reset").containsEntry("kind", "invitation");
            assertThat((String) invitation.get("token")).startsWith("iwi_").hasSizeGreaterThan(40);
            OffsetDateTime expiresAt = OffsetDateTime.parse((String) invitation.get("expires_at"));
            OffsetDateTime now = OffsetDateTime.now();
            assertThat(expiresAt).isBetween(now.plus(Duration.ofDays(3)).minusMinutes(5), now.plus(Duration.ofDays(3)).plusMinutes(5));
            OffsetDateTime stored = API.jdbi().withHandle(h -> h.createQuery("SELECT expires_at FROM invitations WHERE user_id = :id")
                    .bind("id", id).mapTo(OffsetDateTime.class).one());
            assertThat(stored).as("the expiry an acceptance is checked against").isAtSameInstantAs(expiresAt);
        }
    }

    @Test
    void theDatabaseKeepsOnlyTheSha256OfTheToken() {
        long id = USERS.passwordless("hashed");
        String token = INVITES.invited(id);
        byte[] expected = TokenHash.sha256(token);
        List<byte[]> stored = API.jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM invitations WHERE user_id = :id")
                .bind("id", id).mapTo(byte[].class).list());
        assertThat(stored).hasSize(1).allSatisfy(hash -> assertThat(hash).isEqualTo(expected));
    }

    @Test
    void noLogLineCarriesTheToken() throws Exception {
        long id = USERS.passwordless("logged");
        String requestId = "accept-" + ApiApp.unique("log");
        String[] token = new String[1];
        List<ILoggingEvent> lines = LogLines.during(org.slf4j.Logger.ROOT_LOGGER_NAME, () -> {
            token[0] = INVITES.invited(id);
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
    // ---------------------------------------------------------------- who may invite whom

    @Test
    void aUserWhoIsNoAdminIs403AndIssuesNothing() {
        ApiApp.Session s = API.signUp("notadmin");
        long target = USERS.passwordless("target");
        String before = snapshot(API.jdbi());
        problem(INVITES.invite(s.token(), target), 403);
        problem(INVITES.invite(s.token(), s.id()), 403);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void anAnonymousCallerIs401() {
        problem(API.request("/api/users/" + USERS.passwordless("anon") + "/invitations").post(null), 401);
    }

    @Test
    void noSuchUserIs404() {
        problem(INVITES.invite(API.sharedAdmin().token(), UNKNOWN_ID), 404);
    }

    @Test
    void aDeactivatedUserIs409AndGetsNoInvitation() {
        long id = USERS.passwordless("inactive");
        object(patch(API.request("/api/users/" + id, API.sharedAdmin().token()), Map.of("is_active", false)), 200);
        String before = snapshot(API.jdbi());
        problemNaming(INVITES.invite(API.sharedAdmin().token(), id), 409, "is_active");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void anAdminCannotInviteThemself() {
        ApiApp.Session self = API.admin();
        String before = snapshot(API.jdbi());
        problem(INVITES.invite(self.token(), self.id()), 403);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }
}
