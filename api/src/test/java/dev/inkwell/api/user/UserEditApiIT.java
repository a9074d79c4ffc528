package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.ProblemAssert;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.util.Map;

import static dev.inkwell.api.user.UserApiFixture.UNKNOWN_ID;
import static dev.inkwell.api.user.UserApiFixture.email;
import static dev.inkwell.api.user.UserApiFixture.path;
import static dev.inkwell.api.user.Wire.column;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PATCH /api/users/{id}} of a user's own username and e-mail address: a body with null,
 * invalid, unknown or malformed fields is refused (422, 400) and changes nothing; a valid one
 * changes exactly the fields given, unless another user holds the name or address (409); and
 * only the user's own bearer token may ask. What admins may change: {@link UserAdminEditApiIT};
 * passwords: {@link UserPasswordApiIT}; parallel renames: {@link UserRaceApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserEditApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    // ---------------------------------------------------------------- refused bodies

    @ParameterizedTest
    @ValueSource(strings = {"username", "email", "password", "current_password", "is_active", "role"})
    void patchWithNullForAFieldIs422NamingItAndChangesNothing(String field) {
        ApiApp.Session s = API.signUp("nulls");
        ApiApp.Session admin = API.sharedAdmin();
        String before = snapshot(API.jdbi());
        Map<String, Object> problem = problemNaming(patch(API.request(path(s.id()), admin.token()), "{\"" + field + "\": null}"), 422, field);
        assertThat(problem.toString()).contains("must not be null");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void patchWithInvalidFieldsIs422NamingThemAndChangesNothing() {
        ApiApp.Session s = API.signUp("invalid");
        String before = snapshot(API.jdbi());
        problemNaming(patch(API.request(path(s.id()), s.token()),
                Map.of("username", "no spaces allowed", "email", "not-an-email", "password", "short", "current_password", s.password())), 422,
                "username", "email", "password");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void patchWithUnknownFieldIs422AndChangesNothing() {
        ApiApp.Session s = API.signUp("unknownf");
        String before = snapshot(API.jdbi());
        problemNaming(patch(API.request(path(s.id()), s.token()), "{\"nickname\": \"x\"}"), 422, "nickname");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void patchCannotSetThePasswordHashDirectly() {
        ApiApp.Session s = API.signUp("hashset");
        String before = snapshot(API.jdbi());
        // not Wire.problem: the answer rightly names the unknown field, "password_hash"
        ProblemAssert.assertFields(ProblemAssert.assertProblem(patch(API.request(path(s.id()), s.token()),
                "{\"password_hash\": \"$argon2id$v=19$m=8,t=1,p=1$AAAA$AAAA\"}"), 422), "password_hash");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void patchWithMalformedJsonIs400() {
        ApiApp.Session s = API.signUp("malformed");
        problem(patch(API.request(path(s.id()), s.token()), "{\"username\": "), 400);
    }

    @Test
    void patchWithoutBodyIs422() {
        ApiApp.Session s = API.signUp("nobody");
        problem(patch(API.request(path(s.id()), s.token()), ""), 422);
    }

    // ---------------------------------------------------------------- changes

    @Test
    void patchOfOwnUsernameAnswersAndKeepsTheChange() {
        ApiApp.Session s = API.signUp("rename");
        String newName = ApiApp.unique("renamed");
        assertThat(object(patch(API.request(path(s.id()), s.token()), Map.of("username", newName)), 200, s.password()))
                .containsEntry("username", newName).containsEntry("id", (int) s.id());
        assertThat(object(API.request(path(s.id())).get(), 200)).containsEntry("username", newName);
    }

    @Test
    void patchOfOwnEmailStoresItLowerCase() {
        ApiApp.Session s = API.signUp("remail");
        String newEmail = ApiApp.unique("New.Mail") + "@Example.ORG";
        assertThat(object(patch(API.request(path(s.id()), s.token()), Map.of("email", newEmail)), 200))
                .containsEntry("email", newEmail.toLowerCase());
        assertThat(column(API.jdbi(), s.id(), "email", String.class)).isEqualTo(newEmail.toLowerCase());
    }

    @Test
    void patchWithAnEmptyObjectChangesNoField() {
        ApiApp.Session s = API.signUp("nochange");
        Map<String, Object> user = object(patch(API.request(path(s.id()), s.token()), "{}"), 200);
        assertThat(user).containsEntry("username", s.username()).containsEntry("email", email(s))
                .containsEntry("role", "user").containsEntry("is_active", true);
    }

    @Test
    void patchThatChangesNothingKeepsUpdatedAt() {
        ApiApp.Session s = API.signUp("noop");
        Map<String, Object> before = object(API.request(path(s.id()), s.token()).get(), 200);
        String snapshot = snapshot(API.jdbi());
        Map<String, Object> same = object(patch(API.request(path(s.id()), s.token()),
                Map.of("username", s.username(), "email", email(s).toUpperCase())), 200);
        assertThat(same).isEqualTo(before);
        assertThat(snapshot(API.jdbi())).isEqualTo(snapshot);
    }

    @Test
    void patchThatChangesSomethingMovesUpdatedAt() {
        ApiApp.Session s = API.signUp("moved");
        Map<String, Object> before = object(API.request(path(s.id()), s.token()).get(), 200);
        Map<String, Object> after = object(patch(API.request(path(s.id()), s.token()), Map.of("username", ApiApp.unique("moved2"))), 200);
        assertThat(OffsetDateTime.parse((String) after.get("updated_at")))
                .isAfter(OffsetDateTime.parse((String) before.get("updated_at")));
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        ApiApp.Session s = API.signUp("partial");
        String hash = column(API.jdbi(), s.id(), "password_hash", String.class);
        String newName = ApiApp.unique("partial2");
        object(patch(API.request(path(s.id()), s.token()), Map.of("username", newName)), 200);
        assertThat(column(API.jdbi(), s.id(), "email", String.class)).isEqualTo(email(s));
        assertThat(column(API.jdbi(), s.id(), "password_hash", String.class)).isEqualTo(hash);
    }

    @Test
    void patchChangingOnlyTheCaseOfOwnUsernameIsAllowed() {
        ApiApp.Session s = API.signUp("casing");
        assertThat(object(patch(API.request(path(s.id()), s.token()), Map.of("username", s.username().toUpperCase())), 200))
                .containsEntry("username", s.username().toUpperCase());
    }

    @Test
    void patchToAUsernameTakenInAnotherCaseIs409() {
        ApiApp.Session s = API.signUp("want");
        ApiApp.Session holder = API.signUp("holder");
        problemNaming(patch(API.request(path(s.id()), s.token()), Map.of("username", holder.username().toUpperCase())),
                409, "username");
        assertThat(column(API.jdbi(), s.id(), "username", String.class)).isEqualTo(s.username());
    }

    @Test
    void patchToATakenEmailIs409() {
        ApiApp.Session s = API.signUp("wantmail");
        ApiApp.Session holder = API.signUp("mailholder");
        problemNaming(patch(API.request(path(s.id()), s.token()), Map.of("email", email(holder).toUpperCase())), 409, "email");
        assertThat(column(API.jdbi(), s.id(), "email", String.class)).isEqualTo(email(s));
    }

    // ---------------------------------------------------------------- authentication and authorization

    @Test
    void patchWithoutTokenIs401WithChallenge() {
        ApiApp.Session s = API.signUp("notoken");
        try (Response r = patch(API.request(path(s.id())), "{\"username\": \"" + ApiApp.unique("x") + "\"}")) {
            assertThat(r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
            problem(r, 401);
        }
        assertThat(column(API.jdbi(), s.id(), "username", String.class)).isEqualTo(s.username());
    }

    @Test
    void patchWithABadTokenIs401() {
        ApiApp.Session s = API.signUp("badpatch");
        problem(patch(API.request(path(s.id()), "iw_not-a-real-token"), "{\"username\": \"" + ApiApp.unique("x") + "\"}"), 401);
        assertThat(column(API.jdbi(), s.id(), "username", String.class)).isEqualTo(s.username());
    }

    @Test
    void patchWithANonBearerSchemeIs401() {
        ApiApp.Session s = API.signUp("basic");
        problem(patch(API.request(path(s.id())).header(HttpHeaders.AUTHORIZATION, "Basic " + s.token()), "{}"), 401);
    }

    @Test
    void patchOfAnotherUserIs403AndChangesNothing() {
        ApiApp.Session victim = API.signUp("victim");
        ApiApp.Session attacker = API.signUp("attacker");
        String before = snapshot(API.jdbi());
        problem(patch(API.request(path(victim.id()), attacker.token()),
                "{\"email\": \"attacker-owned@example.com\", \"password\": \"attacker's password\"}"), 403);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void patchOfUnknownIdIs404() {
        ApiApp.Session admin = API.sharedAdmin();
        problem(patch(API.request(path(UNKNOWN_ID), admin.token()), "{\"username\": \"" + ApiApp.unique("ghost") + "\"}"), 404);
    }

    @Test
    void patchWithIdAbcIs400() {
        ApiApp.Session s = API.signUp("abcpatch");
        problemNaming(patch(API.request("/api/users/abc", s.token()), "{}"), 400, "id");
    }
}
