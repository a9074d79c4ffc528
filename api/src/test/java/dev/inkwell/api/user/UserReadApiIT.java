package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.inkwell.api.user.UserApiFixture.UNKNOWN_ID;
import static dev.inkwell.api.user.UserApiFixture.email;
import static dev.inkwell.api.user.UserApiFixture.path;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/users/{id}}: reading one user. An id no user has is 404, one that is no number
 * 400; the answer shows the e-mail address only to the user themself and to admins, and the
 * password to nobody.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserReadApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    /** An id that is a number but no user's: one never given out, zero, a negative one. */
    @ParameterizedTest(name = "/api/users/{0}")
    @ValueSource(longs = {UNKNOWN_ID, 0, -1})
    void getOfAnIdNoUserHasIs404(long id) {
        problem(API.request(path(id)).get(), 404);
    }

    /** An id that is no number, or too large for a long, is a bad request that names the id. */
    @ParameterizedTest(name = "/api/users/{0}")
    @ValueSource(strings = {"abc", "99999999999999999999"})
    void getWithAnIdThatIsNoLongIs400NamingIt(String id) {
        problemNaming(API.request("/api/users/" + id).get(), 400, "id");
    }

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
        ApiApp.Session admin = API.sharedAdmin();
        assertThat(object(API.request(path(s.id()), admin.token()).get(), 200)).containsEntry("email", email(s));
    }

    @Test
    void getWithABadTokenShowsNoEmail() {
        ApiApp.Session s = API.signUp("badtok");
        try (Response r = API.request(path(s.id()), "iw_not-a-real-token").get()) {
            String body = Wire.text(r);
            assertThat(r.getStatus()).as(body).isEqualTo(401);
            assertThat(body).doesNotContain(email(s));
        }
    }

    @Test
    void getNeverContainsThePasswordOrHash() {
        ApiApp.Session s = API.signUp("nohash");
        try (Response r = API.request(path(s.id()), s.token()).get()) {
            String body = Wire.text(r, s.password());
            assertThat(r.getStatus()).as(body).isEqualTo(200);
            assertThat(body).contains(s.username()).doesNotContain("password");
        }
    }
}
