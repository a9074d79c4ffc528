package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import dev.inkwell.api.JsonHttp;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static dev.inkwell.api.user.InvitationFixture.unusable;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An invitation's token works once and only while pending: used, expired, unknown and malformed
 * tokens answer one problem, two uses at once set one password, and a newer invitation, a password
 * change or a deactivation ends the pending one (a reactivation revives none).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InvitationPendingApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserApiFixture USERS = new UserApiFixture(API);
    static final InvitationFixture INVITES = new InvitationFixture(API);

    @Test
    void anInvitationUsedTwiceFailsTheSecondTime() {
        long id = USERS.passwordless("twice");
        String token = INVITES.invited(id);
        object(INVITES.accept(token, "the first password"), 200);
        String before = snapshot(API.jdbi());

        unusable(INVITES.accept(token, "the second password"));

        assertThat(snapshot(API.jdbi())).isEqualTo(before);
        assertThat(USERS.signInStatus(USERS.username(id), "the first password")).isEqualTo(201);
        assertThat(USERS.signInStatus(USERS.username(id), "the second password")).isEqualTo(401);
    }

    @Test
    void unknownExpiredAndUsedTokensAnswerTheSameProblem() {
        long used = USERS.passwordless("used");
        String usedToken = INVITES.invited(used);
        object(INVITES.accept(usedToken, "a fine password"), 200);
        long expired = USERS.passwordless("expired");
        String expiredToken = INVITES.invited(expired);
        API.jdbi().useHandle(h -> h.createUpdate("""
                UPDATE invitations SET created_at = now() - interval '4 days', expires_at = now() - interval '1 day'
                 WHERE user_id = :id""").bind("id", expired).execute());

        Map<String, Object> unknown = unusable(INVITES.accept("iwi_" + "A".repeat(43), "a fine password"));
        assertThat(unusable(INVITES.accept(usedToken, "a fine password"))).isEqualTo(unknown);
        assertThat(unusable(INVITES.accept(expiredToken, "a fine password"))).isEqualTo(unknown);
        assertThat(unusable(INVITES.accept("not even a token", "a fine password"))).isEqualTo(unknown);
        assertThat(Wire.column(API.jdbi(), expired, "password_hash", String.class)).isNull();
    }

    @Test
    void twoUsesOfOneTokenAtOnceSetOnePasswordAndTheOtherIs409() throws Exception {
        long id = USERS.passwordless("racer");
        String token = INVITES.invited(id);
        List<Callable<Integer>> uses = List.of("password number one", "password number two").stream()
                .<Callable<Integer>>map(password -> () -> {
                    try (Response r = INVITES.accept(token, password)) {
                        Wire.text(r, password);
                        return r.getStatus();
                    }
                }).toList();

        List<Integer> statuses = JsonHttp.together(uses);

        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        String winner = statuses.get(0) == 200 ? "password number one" : "password number two";
        String loser = statuses.get(0) == 200 ? "password number two" : "password number one";
        assertThat(USERS.signInStatus(USERS.username(id), winner)).isEqualTo(201);
        assertThat(USERS.signInStatus(USERS.username(id), loser)).isEqualTo(401);
    }

    @Test
    void aNewInvitationReplacesThePendingOne() {
        long id = USERS.passwordless("reissued");
        String first = INVITES.invited(id);
        String second = INVITES.invited(id);
        unusable(INVITES.accept(first, "a fine password"));
        object(INVITES.accept(second, "a fine password"), 200);
    }

    @Test
    void aPasswordChangeEndsAPendingReset() {
        ApiApp.Session s = API.signUp("remembered");
        String token = INVITES.invited(s.id());
        object(patch(API.request("/api/users/" + s.id(), s.token()),
                Map.of("password", "remembered it after all", "current_password", s.password())), 200);
        unusable(INVITES.accept(token, "the reset password"));
        assertThat(USERS.signInStatus(s.username(), "remembered it after all")).isEqualTo(201);
    }

    @Test
    void deactivationEndsAPendingInvitationAndReactivationRevivesNone() {
        long id = USERS.passwordless("paused");
        String token = INVITES.invited(id);
        object(patch(API.request("/api/users/" + id, API.sharedAdmin().token()), Map.of("is_active", false)), 200);
        object(patch(API.request("/api/users/" + id, API.sharedAdmin().token()), Map.of("is_active", true)), 200);
        unusable(INVITES.accept(token, "a fine password"));
    }
}
