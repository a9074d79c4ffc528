package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.ProblemAssert;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.inkwell.api.user.Wire.column;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET/PATCH/DELETE /api/users/{id}}: reading, changing and deleting one user. */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    private static final long UNKNOWN_ID = 987_654_321L;

    private static String path(long id) {
        return "/api/users/" + id;
    }

    private static String email(ApiApp.Session s) {
        return s.username().toLowerCase() + "@example.com";
    }

    /** Status of a request the owner of {@code token} may make: 200 while the token works. */
    private static int statusWith(ApiApp.Session s, String token) {
        try (Response r = patch(API.request(path(s.id()), token), "{}")) {
            Wire.text(r, s.password());
            return r.getStatus();
        }
    }

    private static int signInStatus(String username, String password) {
        try (Response r = API.request("/api/tokens").post(Entity.json(Map.of("username", username, "password", password)))) {
            Wire.text(r, password);
            return r.getStatus();
        }
    }

    private static void insertPost(long authorId) {
        API.jdbi().useHandle(h -> h.createUpdate("INSERT INTO posts (author_id, title, content) VALUES (:id, 't', 'c')")
                .bind("id", authorId).execute());
    }

    // ---------------------------------------------------------------- GET

    @Test
    void getAnswersTheUserToAnyone() {
        ApiApp.Session s = API.signUp("get");
        Map<String, Object> user = object(API.request(path(s.id())).get(), 200);
        assertThat(user).containsEntry("username", s.username()).containsEntry("role", "user")
                .containsEntry("is_active", true).containsKeys("id", "created_at", "updated_at");
    }

    @Test
    void getHidesTheEmailFromAnonymousCallers() {
        ApiApp.Session s = API.signUp("anon");
        assertThat(object(API.request(path(s.id())).get(), 200)).doesNotContainKey("email");
    }

    @Test
    void getShowsTheEmailToTheUserThemself() {
        ApiApp.Session s = API.signUp("self");
        assertThat(object(API.request(path(s.id()), s.token()).get(), 200, s.password())).containsEntry("email", email(s));
    }

    @Test
    void getHidesTheEmailFromAnotherUser() {
        ApiApp.Session s = API.signUp("owner");
        ApiApp.Session other = API.signUp("nosy");
        assertThat(object(API.request(path(s.id()), other.token()).get(), 200)).doesNotContainKey("email");
    }

    @Test
    void getShowsTheEmailToAdmins() {
        ApiApp.Session s = API.signUp("watched");
        ApiApp.Session admin = API.admin();
        assertThat(object(API.request(path(s.id()), admin.token()).get(), 200)).containsEntry("email", email(s));
    }

    @Test
    void getWithABadTokenShowsNoEmail() {
        ApiApp.Session s = API.signUp("badtok");
        try (Response r = API.request(path(s.id()), "iw_not-a-real-token").get()) {
            String body = Wire.text(r);
            assertThat(r.getStatus()).as(body).isIn(200, 401);
            assertThat(body).doesNotContain(email(s));
        }
    }

    @Test
    void getNeverContainsThePasswordOrHash() {
        ApiApp.Session s = API.signUp("nohash");
        try (Response r = API.request(path(s.id()), s.token()).get()) {
            assertThat(Wire.text(r, s.password())).doesNotContain("password");
        }
    }

    @Test
    void getOfUnknownIdIs404() {
        problem(API.request(path(UNKNOWN_ID)).get(), 404);
    }

    @Test
    void getOfIdZeroIs404() {
        problem(API.request("/api/users/0").get(), 404);
    }

    @Test
    void getOfNegativeIdIs404() {
        problem(API.request("/api/users/-1").get(), 404);
    }

    @Test
    void getWithIdAbcIs400() {
        problemNaming(API.request("/api/users/abc").get(), 400, "id");
    }

    @Test
    void getWithIdTooLargeForALongIs400() {
        problemNaming(API.request("/api/users/99999999999999999999").get(), 400, "id");
    }

    // ---------------------------------------------------------------- PATCH: authentication and authorization

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
    void patchOfIsActiveByTheUserThemselfIs403() {
        ApiApp.Session s = API.signUp("activeself");
        problem(patch(API.request(path(s.id()), s.token()), "{\"is_active\": true}"), 403);
    }

    @Test
    void patchOfRoleByTheUserThemselfIs403AndKeepsTheRole() {
        ApiApp.Session s = API.signUp("climber");
        problem(patch(API.request(path(s.id()), s.token()), "{\"role\": \"admin\"}"), 403);
        assertThat(column(API.jdbi(), s.id(), "role", String.class)).isEqualTo("user");
    }

    @Test
    void patchOfUnknownIdIs404() {
        ApiApp.Session admin = API.admin();
        problem(patch(API.request(path(UNKNOWN_ID), admin.token()), "{\"username\": \"" + ApiApp.unique("ghost") + "\"}"), 404);
    }

    @Test
    void patchWithIdAbcIs400() {
        ApiApp.Session s = API.signUp("abcpatch");
        problemNaming(patch(API.request("/api/users/abc", s.token()), "{}"), 400, "id");
    }

    // ---------------------------------------------------------------- PATCH: changes

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

    @ParameterizedTest
    @ValueSource(strings = {"username", "email", "password", "current_password", "is_active", "role"})
    void patchWithNullForAFieldIs422NamingItAndChangesNothing(String field) {
        ApiApp.Session s = API.signUp("nulls");
        ApiApp.Session admin = API.admin();
        String before = snapshot(API.jdbi());
        Map<String, Object> problem = problemNaming(patch(API.request(path(s.id()), admin.token()), "{\"" + field + "\": null}"), 422, field);
        assertThat(problem.toString()).contains("must not be null");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
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

    // ---------------------------------------------------------------- PATCH: admins

    @Test
    void adminMayChangeAnotherUsersUsername() {
        ApiApp.Session s = API.signUp("renamedbyadmin");
        ApiApp.Session admin = API.admin();
        String newName = ApiApp.unique("adminrenamed");
        assertThat(object(patch(API.request(path(s.id()), admin.token()), Map.of("username", newName)), 200))
                .containsEntry("username", newName);
    }

    @Test
    void adminMayMakeAUserAdmin() {
        ApiApp.Session s = API.signUp("promoted");
        ApiApp.Session admin = API.admin();
        assertThat(object(patch(API.request(path(s.id()), admin.token()), "{\"role\": \"admin\"}"), 200))
                .containsEntry("role", "admin");
        ApiApp.Session other = API.signUp("seenbypromoted");
        // the promoted user's own token now carries admin rights: they see others' e-mail addresses
        assertThat(object(API.request(path(other.id()), s.token()).get(), 200)).containsEntry("email", email(other));
    }

    @Test
    void adminSettingAnUnknownRoleIs422() {
        ApiApp.Session s = API.signUp("badrole");
        ApiApp.Session admin = API.admin();
        problemNaming(patch(API.request(path(s.id()), admin.token()), "{\"role\": \"root\"}"), 422, "role");
        assertThat(column(API.jdbi(), s.id(), "role", String.class)).isEqualTo("user");
    }

    @Test
    void adminMayDeactivateAUser() {
        ApiApp.Session s = API.signUp("deact");
        ApiApp.Session admin = API.admin();
        assertThat(object(patch(API.request(path(s.id()), admin.token()), "{\"is_active\": false}"), 200))
                .containsEntry("is_active", false);
    }

    @Test
    void aDeactivatedUsersTokenIs401() {
        ApiApp.Session s = API.signUp("deacttoken");
        ApiApp.Session admin = API.admin();
        object(patch(API.request(path(s.id()), admin.token()), "{\"is_active\": false}"), 200);
        problem(patch(API.request(path(s.id()), s.token()), "{}"), 401);
    }

    @Test
    void aDeactivatedUserCannotSignIn() {
        ApiApp.Session s = API.signUp("deactsignin");
        ApiApp.Session admin = API.admin();
        object(patch(API.request(path(s.id()), admin.token()), "{\"is_active\": false}"), 200);
        assertThat(signInStatus(s.username(), s.password())).isEqualTo(401);
    }

    @Test
    void aReactivatedUsersOldTokenStaysDead() {
        ApiApp.Session s = API.signUp("reacttoken");
        ApiApp.Session admin = API.admin();
        object(patch(API.request(path(s.id()), admin.token()), "{\"is_active\": false}"), 200);
        object(patch(API.request(path(s.id()), admin.token()), "{\"is_active\": true}"), 200);
        assertThat(statusWith(s, s.token())).isEqualTo(401);
        long tokens = API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM api_tokens WHERE user_id = :id")
                .bind("id", s.id()).mapTo(Long.class).one());
        assertThat(tokens).isZero();
    }

    @Test
    void aReactivatedUserCanSignInAgain() {
        ApiApp.Session s = API.signUp("react");
        ApiApp.Session admin = API.admin();
        object(patch(API.request(path(s.id()), admin.token()), "{\"is_active\": false}"), 200);
        object(patch(API.request(path(s.id()), admin.token()), "{\"is_active\": true}"), 200);
        assertThat(signInStatus(s.username(), s.password())).isEqualTo(201);
    }

    // ---------------------------------------------------------------- PATCH: passwords

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
        assertThat(statusWith(s, s.token())).as("the token that changed the password").isEqualTo(200);
        assertThat(statusWith(s, second)).as("another session").isEqualTo(401);
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
        assertThat(statusWith(s, second)).isEqualTo(200);
    }

    @Test
    void ownPasswordChangeWithAWrongCurrentPasswordIs403AndChangesNothing() {
        ApiApp.Session s = API.signUp("pwwrong");
        String second = API.signIn(s.username(), s.password());
        String before = snapshot(API.jdbi());
        problemNaming(patch(API.request(path(s.id()), s.token()),
                Map.of("password", "a brand new password", "current_password", "not my password")), 403, "current_password");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
        assertThat(signInStatus(s.username(), s.password())).isEqualTo(201);
        assertThat(statusWith(s, second)).isEqualTo(200);
    }

    @Test
    void anAdminChangingTheirOwnPasswordNeedsTheCurrentOneToo() {
        ApiApp.Session admin = API.admin();
        problemNaming(patch(API.request(path(admin.id()), admin.token()), Map.of("password", "a brand new password")),
                422, "current_password");
    }

    @Test
    void anAdminResettingAnotherUsersPasswordNeedsNoCurrentPassword() {
        ApiApp.Session s = API.signUp("pwreset");
        ApiApp.Session admin = API.admin();
        object(patch(API.request(path(s.id()), admin.token()), Map.of("password", "reset by the admin")), 200);
        assertThat(signInStatus(s.username(), "reset by the admin")).isEqualTo(201);
    }

    @Test
    void passwordChangeLetsTheNewPasswordSignIn() {
        ApiApp.Session s = API.signUp("pwnew");
        object(patch(API.request(path(s.id()), s.token()), ownPasswordChange(s, "a brand new password")), 200);
        String token = API.signIn(s.username(), "a brand new password");
        assertThat(statusWith(s, token)).isEqualTo(200);
    }

    @Test
    void passwordChangeRefusesTheOldPassword() {
        ApiApp.Session s = API.signUp("pwold");
        object(patch(API.request(path(s.id()), s.token()), ownPasswordChange(s, "a brand new password")), 200);
        assertThat(signInStatus(s.username(), s.password())).isEqualTo(401);
    }

    @Test
    void passwordChangeByAnAdminEndsTheUsersTokens() {
        ApiApp.Session s = API.signUp("pwadmin");
        ApiApp.Session admin = API.admin();
        object(patch(API.request(path(s.id()), admin.token()), Map.of("password", "reset by the admin")), 200);
        assertThat(statusWith(s, s.token())).isEqualTo(401);
        assertThat(statusWith(admin, admin.token())).as("the admin's own token").isEqualTo(200);
    }

    @Test
    void tooShortPasswordChangeIs422AndKeepsTheOldPasswordAndTokens() {
        ApiApp.Session s = API.signUp("pwshort");
        problemNaming(patch(API.request(path(s.id()), s.token()), Map.of("password", "short", "current_password", s.password())),
                422, "password");
        assertThat(statusWith(s, s.token())).isEqualTo(200);
        assertThat(signInStatus(s.username(), s.password())).isEqualTo(201);
    }

    @Test
    void changingTheUsernameKeepsTheTokensWorking() {
        ApiApp.Session s = API.signUp("keeptok");
        object(patch(API.request(path(s.id()), s.token()), Map.of("username", ApiApp.unique("keeptok2"))), 200);
        assertThat(statusWith(s, s.token())).isEqualTo(200);
    }

    // ---------------------------------------------------------------- DELETE

    @Test
    void deleteWithoutTokenIs401AndKeepsTheUser() {
        ApiApp.Session s = API.signUp("delanon");
        problem(API.request(path(s.id())).delete(), 401);
        object(API.request(path(s.id())).get(), 200);
    }

    @Test
    void deleteWithABadTokenIs401() {
        ApiApp.Session s = API.signUp("delbad");
        problem(API.request(path(s.id()), "iw_forged").delete(), 401);
        object(API.request(path(s.id())).get(), 200);
    }

    @Test
    void deleteOfAnotherUserIs403AndKeepsThem() {
        ApiApp.Session victim = API.signUp("delvictim");
        ApiApp.Session attacker = API.signUp("delattacker");
        problem(API.request(path(victim.id()), attacker.token()).delete(), 403);
        object(API.request(path(victim.id())).get(), 200);
    }

    @Test
    void deleteOfOwnUserIs204ThenGetIs404() {
        ApiApp.Session s = API.signUp("delself");
        Wire.noContent(API.request(path(s.id()), s.token()).delete());
        problem(API.request(path(s.id())).get(), 404);
    }

    @Test
    void aDeletedUsersTokenIs401() {
        ApiApp.Session s = API.signUp("deltoken");
        Wire.noContent(API.request(path(s.id()), s.token()).delete());
        problem(patch(API.request(path(s.id()), s.token()), "{}"), 401);
    }

    @Test
    void aDeletedUsersNameIsFreeAgain() {
        ApiApp.Session s = API.signUp("delfree");
        Wire.noContent(API.request(path(s.id()), s.token()).delete());
        object(API.request("/api/users").post(Entity.json(Wire.signUpBody(s.username(), s.password()))), 201);
    }

    @Test
    void deleteRemovesTheProfileToo() {
        ApiApp.Session s = API.signUp("delprofile");
        object(API.request(path(s.id()) + "/profile", s.token()).put(Entity.json(Map.of("bio", "soon gone"))), 200);
        Wire.noContent(API.request(path(s.id()), s.token()).delete());
        long profiles = API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM profiles WHERE user_id = :id")
                .bind("id", s.id()).mapTo(Long.class).one());
        assertThat(profiles).isZero();
    }

    @Test
    void adminMayDeleteAnotherUser() {
        ApiApp.Session s = API.signUp("deladmin");
        ApiApp.Session admin = API.admin();
        Wire.noContent(API.request(path(s.id()), admin.token()).delete());
        problem(API.request(path(s.id())).get(), 404);
    }

    @Test
    void deleteOfAUserWithPostsIs409AndKeepsThem() {
        ApiApp.Session s = API.signUp("author");
        insertPost(s.id());
        ApiApp.Session admin = API.admin();
        problem(API.request(path(s.id()), admin.token()).delete(), 409);
        object(API.request(path(s.id())).get(), 200);
        assertThat(statusWith(s, s.token())).isEqualTo(200);
    }

    @Test
    void deleteOfOwnUserWithPostsIs409() {
        ApiApp.Session s = API.signUp("ownauthor");
        insertPost(s.id());
        problem(API.request(path(s.id()), s.token()).delete(), 409);
        object(API.request(path(s.id())).get(), 200);
    }

    @Test
    void deleteOfUnknownIdIs404() {
        ApiApp.Session admin = API.admin();
        problem(API.request(path(UNKNOWN_ID), admin.token()).delete(), 404);
    }

    @Test
    void deleteTwiceIs404TheSecondTime() {
        ApiApp.Session s = API.signUp("deltwice");
        ApiApp.Session admin = API.admin();
        Wire.noContent(API.request(path(s.id()), admin.token()).delete());
        problem(API.request(path(s.id()), admin.token()).delete(), 404);
    }

    @Test
    void deleteWithIdAbcIs400() {
        ApiApp.Session admin = API.admin();
        problemNaming(API.request("/api/users/abc", admin.token()).delete(), 400, "id");
    }

    @Test
    void deleteWithIdTooLargeForALongIs400() {
        ApiApp.Session admin = API.admin();
        problemNaming(API.request("/api/users/99999999999999999999", admin.token()).delete(), 400, "id");
    }

    // ---------------------------------------------------------------- races

    @RepeatedTest(5)
    void parallelRenamesToOneUsernameLetExactlyOneWin() throws Exception {
        int n = 4;
        List<ApiApp.Session> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(API.signUp("renamer"));
        }
        String target = ApiApp.unique("wanted");
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (ApiApp.Session s : users) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    assertThat(go.await(30, TimeUnit.SECONDS)).isTrue();
                    try (Response r = patch(API.request(path(s.id()), s.token()), Map.of("username", target))) {
                        String body = Wire.text(r);
                        assertThat(r.getStatus()).as(body).isNotEqualTo(500);
                        return r.getStatus();
                    }
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(n - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Wire.usersNamed(API.jdbi(), target)).isEqualTo(1);
    }
}
