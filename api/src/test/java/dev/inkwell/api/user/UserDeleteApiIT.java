package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static dev.inkwell.api.user.UserApiFixture.UNKNOWN_ID;
import static dev.inkwell.api.user.UserApiFixture.path;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code DELETE /api/users/{id}}: by the user themself or an admin, which ends the user's tokens,
 * removes their profile and frees their name; refused while they have posts (409), and for anyone
 * else (401, 403), an unknown user (404) or an id that is no number (400).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserDeleteApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserApiFixture USERS = new UserApiFixture(API);

    private static void insertPost(long authorId) {
        API.jdbi().useHandle(h -> h.createUpdate("INSERT INTO posts (author_id, title, content) VALUES (:id, 't', 'c')")
                .bind("id", authorId).execute());
    }

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
        object(USERS.signUp(Wire.signUpBody(s.username(), s.password())), 201);
    }

    @Test
    void deleteRemovesTheProfileToo() {
        ApiApp.Session s = API.signUp("delprofile");
        object(API.request(path(s.id()) + "/profile", s.token()).put(Entity.json(Map.of("bio", "soon gone"))), 200);
        Wire.noContent(API.request(path(s.id()), s.token()).delete());
        assertThat(USERS.rowsOf("profiles", s.id())).isZero();
    }

    @Test
    void adminMayDeleteAnotherUser() {
        ApiApp.Session s = API.signUp("deladmin");
        ApiApp.Session admin = API.sharedAdmin();
        Wire.noContent(API.request(path(s.id()), admin.token()).delete());
        problem(API.request(path(s.id())).get(), 404);
    }

    @Test
    void deleteOfAUserWithPostsIs409AndKeepsThem() {
        ApiApp.Session s = API.signUp("author");
        insertPost(s.id());
        ApiApp.Session admin = API.sharedAdmin();
        problem(API.request(path(s.id()), admin.token()).delete(), 409);
        object(API.request(path(s.id())).get(), 200);
        assertThat(USERS.statusWith(s, s.token())).isEqualTo(200);
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
        ApiApp.Session admin = API.sharedAdmin();
        problem(API.request(path(UNKNOWN_ID), admin.token()).delete(), 404);
    }

    @Test
    void deleteTwiceIs404TheSecondTime() {
        ApiApp.Session s = API.signUp("deltwice");
        ApiApp.Session admin = API.sharedAdmin();
        Wire.noContent(API.request(path(s.id()), admin.token()).delete());
        problem(API.request(path(s.id()), admin.token()).delete(), 404);
    }

    @Test
    void deleteWithIdAbcIs400() {
        ApiApp.Session admin = API.sharedAdmin();
        problemNaming(API.request("/api/users/abc", admin.token()).delete(), 400, "id");
    }

    @Test
    void deleteWithIdTooLargeForALongIs400() {
        ApiApp.Session admin = API.sharedAdmin();
        problemNaming(API.request("/api/users/99999999999999999999", admin.token()).delete(), 400, "id");
    }
}
