package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static dev.inkwell.api.user.UserApiFixture.path;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password changed by {@code PATCH /api/users/{id}}: one's own only with the current one (admins
 * too), another user's by an admin without it; the new password signs in and the old does not,
 * and the change ends every other session of the user, while a refused change or a new username
 * keeps them.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserPasswordApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserApiFixture USERS = new UserApiFixture(API);

    /** A change of one's own password, with the current one as it must be given. */
    private static Map<String, Object> ownPasswordChange(ApiApp.Session s, String newPassword) {
        return Map.of("password", newPassword, "current_password", s.password());
    }

    @Test
    void ownPasswordChangeEndsEveryOtherSessionButKeepsThisOne() {
        ApiApp.Session s = API.signUp("pwchange");
        String second = API.signIn(s.username(), s.password());
        object(patch(API.request(path(s.id()), s.token()), ownPasswordChange(s, "a brand new password")), 200,
                "a brand new password", s.password());
        assertThat(USERS.statusWith(s, s.token())).as("the token that changed the password").isEqualTo(200);
        assertThat(USERS.statusWith(s, second)).as("another session").isEqualTo(401);
    }

    @Test
    void ownPasswordChangeWithoutTheCurrentPasswordIs422AndChangesNothing() {
        ApiApp.Session s = API.signUp("pwnocurrent");
        String second = API.signIn(s.username(), s.password());
        String before = snapshot(API.jdbi());
        Map<String, Object> problem = problemNaming(patch(API.request(path(s.id()), s.token()),
                Map.of("password", "a brand new password")), 422, "current_password");
        assertThat(problem.toString()).contains("is required to change your own password");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
        assertThat(USERS.statusWith(s, second)).isEqualTo(200);
    }

    @Test
    void ownPasswordChangeWithAWrongCurrentPasswordIs403AndChangesNothing() {
        ApiApp.Session s = API.signUp("pwwrong");
        String second = API.signIn(s.username(), s.password());
        String before = snapshot(API.jdbi());
        problemNaming(patch(API.request(path(s.id()), s.token()),
                Map.of("password", "a brand new password", "current_password", "not my password")), 403, "current_password");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
        assertThat(USERS.signInStatus(s.username(), s.password())).isEqualTo(201);
        assertThat(USERS.statusWith(s, second)).isEqualTo(200);
    }

    @Test
    void anAdminChangingTheirOwnPasswordNeedsTheCurrentOneToo() {
        // an admin of its own: were the change wrongly accepted, the shared admin's password would change
        ApiApp.Session admin = API.admin();
        problemNaming(patch(API.request(path(admin.id()), admin.token()), Map.of("password", "a brand new password")),
                422, "current_password");
    }

    @Test
    void anAdminResettingAnotherUsersPasswordNeedsNoCurrentPassword() {
        ApiApp.Session s = API.signUp("pwreset");
        ApiApp.Session admin = API.sharedAdmin();
        object(patch(API.request(path(s.id()), admin.token()), Map.of("password", "reset by the admin")), 200);
        assertThat(USERS.signInStatus(s.username(), "reset by the admin")).isEqualTo(201);
    }

    @Test
    void passwordChangeLetsTheNewPasswordSignIn() {
        ApiApp.Session s = API.signUp("pwnew");
        object(patch(API.request(path(s.id()), s.token()), ownPasswordChange(s, "a brand new password")), 200);
        String token = API.signIn(s.username(), "a brand new password");
        assertThat(USERS.statusWith(s, token)).isEqualTo(200);
    }

    @Test
    void passwordChangeRefusesTheOldPassword() {
        ApiApp.Session s = API.signUp("pwold");
        object(patch(API.request(path(s.id()), s.token()), ownPasswordChange(s, "a brand new password")), 200);
        assertThat(USERS.signInStatus(s.username(), s.password())).isEqualTo(401);
    }

    @Test
    void passwordChangeByAnAdminEndsTheUsersTokens() {
        ApiApp.Session s = API.signUp("pwadmin");
        ApiApp.Session admin = API.sharedAdmin();
        object(patch(API.request(path(s.id()), admin.token()), Map.of("password", "reset by the admin")), 200);
        assertThat(USERS.statusWith(s, s.token())).isEqualTo(401);
        assertThat(USERS.statusWith(admin, admin.token())).as("the admin's own token").isEqualTo(200);
    }

    @Test
    void tooShortPasswordChangeIs422AndKeepsTheOldPasswordAndTokens() {
        ApiApp.Session s = API.signUp("pwshort");
        problemNaming(patch(API.request(path(s.id()), s.token()), Map.of("password", "short", "current_password", s.password())),
                422, "password");
        assertThat(USERS.statusWith(s, s.token())).isEqualTo(200);
        assertThat(USERS.signInStatus(s.username(), s.password())).isEqualTo(201);
    }

    @Test
    void changingTheUsernameKeepsTheTokensWorking() {
        ApiApp.Session s = API.signUp("keeptok");
        object(patch(API.request(path(s.id()), s.token()), Map.of("username", ApiApp.unique("keeptok2"))), 200);
        assertThat(USERS.statusWith(s, s.token())).isEqualTo(200);
    }
}
