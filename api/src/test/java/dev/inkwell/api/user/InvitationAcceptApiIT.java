package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/invitations/accept}: the user sets their password with an invitation's token
 * and signs in with it, a reset ends every session and the old password, the kept user pages show
 * the change at once, the token is no Bearer token; an invalid or missing password or token is
 * 422 and spends nothing. Which tokens are still usable: {@link InvitationPendingApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InvitationAcceptApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserApiFixture USERS = new UserApiFixture(API);
    static final InvitationFixture INVITES = new InvitationFixture(API);

    @Test
    void aBulkCreatedUserIsInvitedSetsAPasswordAndSignsIn() {
        String name = ApiApp.unique("newcomer");
        object(API.request("/api/users/bulk", API.sharedAdmin().token()).post(Entity.json(List.of(
                Map.of("username", name, "email", name + "@example.com")))), 201);
        long id = API.jdbi().withHandle(h -> h.createQuery("SELECT id FROM users WHERE username = :u").bind("u", name)
                .mapTo(Long.class).one());
        assertThat(USERS.signInStatus(name, "chosen by the newcomer")).as("no password yet").isEqualTo(401);

        Map<String, Object> invitation = object(INVITES.invite(API.sharedAdmin().token(), id), 201);
        assertThat(invitation).containsEntry("kind", "invitation").containsEntry("user_id", (int) id);
        Map<String, Object> user = object(INVITES.accept((String) invitation.get("token"), "chosen by the newcomer"), 200,
                "chosen by the newcomer");

        assertThat(user).containsEntry("username", name).containsEntry("email", name.toLowerCase() + "@example.com");
        String token = (String) object(USERS.signIn(name, "chosen by the newcomer"), 201).get("token");
        assertThat(USERS.statusWith(new ApiApp.Session(id, name, "chosen by the newcomer", token), token)).isEqualTo(200);
    }

    @Test
    void anInvalidPasswordIs422AndTheTokenStaysUsable() {
        long id = USERS.passwordless("weak");
        String token = INVITES.invited(id);
        String before = snapshot(API.jdbi());
        problemNaming(INVITES.accept(token, "short"), 422, "password");
        problemNaming(INVITES.accept(token, "        "), 422, "password");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
        object(INVITES.accept(token, "long enough now"), 200);
    }

    @Test
    void aMissingTokenOrPasswordIs422NamingEach() {
        problemNaming(INVITES.accept("{}"), 422, "token", "password");
        problemNaming(INVITES.accept(Map.of("password", "a fine password")), 422, "token");
        problemNaming(INVITES.accept(Map.of("token", "", "password", "a fine password")), 422, "token");
        problem(API.request("/api/invitations/accept").post(null), 422);
    }

    @Test
    void anInvitationTokenIsNoBearerToken() {
        ApiApp.Session s = API.signUp("notbearer");
        String token = INVITES.invited(s.id());
        assertThat(USERS.statusWith(s, token)).isEqualTo(401);
    }

    @Test
    void aResetEndsEverySessionAndTheOldPassword() {
        ApiApp.Session s = API.signUp("forgot");
        String other = API.signIn(s.username(), s.password());
        Map<String, Object> reset = object(INVITES.invite(API.sharedAdmin().token(), s.id()), 201);
        assertThat(reset).containsEntry("kind", "reset");

        object(INVITES.accept((String) reset.get("token"), "a brand new password"), 200, s.password());

        assertThat(USERS.statusWith(s, s.token())).isEqualTo(401);
        assertThat(USERS.statusWith(s, other)).isEqualTo(401);
        assertThat(USERS.signInStatus(s.username(), s.password())).isEqualTo(401);
        assertThat(USERS.signInStatus(s.username(), "a brand new password")).isEqualTo(201);
    }

    @Test
    void theKeptUserPagesShowTheChangeAtOnce() {
        long id = USERS.passwordless("listed");
        String token = INVITES.invited(id);
        long rank = API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE id <= :id").bind("id", id)
                .mapTo(Long.class).one());
        String page = "/api/users?per_page=100&page=" + ((rank - 1) / 100 + 1);
        OffsetDateTime before = updatedAtIn(object(API.request(page).get(), 200), id);

        Map<String, Object> user = object(INVITES.accept(token, "a fine password"), 200);

        OffsetDateTime after = OffsetDateTime.parse((String) user.get("updated_at"));
        assertThat(after).isAfter(before);
        assertThat(updatedAtIn(object(API.request(page).get(), 200), id)).isAtSameInstantAs(after);
    }

    private static OffsetDateTime updatedAtIn(Map<String, Object> page, long id) {
        return OffsetDateTime.parse((String) Wire.items(page).stream().filter(u -> Wire.id(u) == id).findFirst().orElseThrow()
                .get("updated_at"));
    }
}
