package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static dev.inkwell.api.user.UserApiFixture.email;
import static dev.inkwell.api.user.UserApiFixture.path;
import static dev.inkwell.api.user.Wire.column;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PATCH /api/users/{id}} by an admin: another user's username, role and activation, which
 * a user may not set for themself; a deactivated user's tokens and sign-in fail, and on
 * reactivation they sign in again but their old tokens stay dead.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserAdminEditApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserApiFixture USERS = new UserApiFixture(API);

    /** The shared admin sets whether user {@code id} is active, which must answer 200; returns the user as answered. */
    private static Map<String, Object> setActive(long id, boolean active) {
        return object(patch(API.request(path(id), API.sharedAdmin().token()), "{\"is_active\": " + active + "}"), 200);
    }

    // ---------------------------------------------------------------- username and role

    @Test
    void adminMayChangeAnotherUsersUsername() {
        ApiApp.Session s = API.signUp("renamedbyadmin");
        ApiApp.Session admin = API.sharedAdmin();
        String newName = ApiApp.unique("adminrenamed");
        assertThat(object(patch(API.request(path(s.id()), admin.token()), Map.of("username", newName)), 200))
                .containsEntry("username", newName);
    }

    @Test
    void adminMayMakeAUserAdmin() {
        ApiApp.Session s = API.signUp("promoted");
        ApiApp.Session admin = API.sharedAdmin();
        assertThat(object(patch(API.request(path(s.id()), admin.token()), "{\"role\": \"admin\"}"), 200))
                .containsEntry("role", "admin");
        ApiApp.Session other = API.signUp("seenbypromoted");
        // the promoted user's own token now carries admin rights: they see others' e-mail addresses
        assertThat(object(API.request(path(other.id()), s.token()).get(), 200)).containsEntry("email", email(other));
    }

    @Test
    void adminSettingAnUnknownRoleIs422() {
        ApiApp.Session s = API.signUp("badrole");
        ApiApp.Session admin = API.sharedAdmin();
        problemNaming(patch(API.request(path(s.id()), admin.token()), "{\"role\": \"root\"}"), 422, "role");
        assertThat(column(API.jdbi(), s.id(), "role", String.class)).isEqualTo("user");
    }

    // ---------------------------------------------------------------- activation

    @Test
    void adminMayDeactivateAUser() {
        ApiApp.Session s = API.signUp("deact");
        assertThat(setActive(s.id(), false)).containsEntry("is_active", false);
    }

    @Test
    void aDeactivatedUsersTokenIs401() {
        ApiApp.Session s = API.signUp("deacttoken");
        setActive(s.id(), false);
        problem(patch(API.request(path(s.id()), s.token()), "{}"), 401);
    }

    @Test
    void aDeactivatedUserCannotSignIn() {
        ApiApp.Session s = API.signUp("deactsignin");
        setActive(s.id(), false);
        assertThat(USERS.signInStatus(s.username(), s.password())).isEqualTo(401);
    }

    @Test
    void aReactivatedUsersOldTokenStaysDead() {
        ApiApp.Session s = API.signUp("reacttoken");
        setActive(s.id(), false);
        setActive(s.id(), true);
        assertThat(USERS.statusWith(s, s.token())).isEqualTo(401);
        assertThat(USERS.rowsOf("api_tokens", s.id())).isZero();
    }

    @Test
    void aReactivatedUserCanSignInAgain() {
        ApiApp.Session s = API.signUp("react");
        setActive(s.id(), false);
        setActive(s.id(), true);
        assertThat(USERS.signInStatus(s.username(), s.password())).isEqualTo(201);
    }

    // ---------------------------------------------------------------- what a user may not set for themself

    @Test
    void patchOfRoleByTheUserThemselfIs403AndKeepsTheRole() {
        ApiApp.Session s = API.signUp("climber");
        problem(patch(API.request(path(s.id()), s.token()), "{\"role\": \"admin\"}"), 403);
        assertThat(column(API.jdbi(), s.id(), "role", String.class)).isEqualTo("user");
    }

    @Test
    void patchOfIsActiveByTheUserThemselfIs403() {
        ApiApp.Session s = API.signUp("activeself");
        problem(patch(API.request(path(s.id()), s.token()), "{\"is_active\": false}"), 403);
        assertThat(column(API.jdbi(), s.id(), "is_active", Boolean.class)).as("still active").isTrue();
    }
}
