package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static dev.inkwell.api.user.UserApiFixture.PASSWORD;
import static dev.inkwell.api.user.Wire.id;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.signUpBody;
import static dev.inkwell.api.user.Wire.usersNamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code POST /api/users}, a sign-up that succeeds: 201 with the new user and its Location, the
 * username as typed, the e-mail address lower case, the password only as an Argon2id hash and
 * good for signing in; or that finds the username or e-mail address taken, in any case (409).
 * Refused bodies: {@link UsersSignUpRefusalApiIT}; parallel sign-ups: {@link UserRaceApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UsersSignUpApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserApiFixture USERS = new UserApiFixture(API);

    /** Signs {@code name} up with {@link UserApiFixture#PASSWORD}, which must answer 201 without it; returns the new user. */
    private static Map<String, Object> signedUp(String name) {
        return object(USERS.signUp(signUpBody(name, PASSWORD)), 201, PASSWORD);
    }

    // ---------------------------------------------------------------- success

    @Test
    void signUpAnswers201WithTheUser() {
        String name = ApiApp.unique("new");
        Map<String, Object> user = signedUp(name);
        assertThat(user).containsEntry("username", name)
                .containsEntry("email", name.toLowerCase() + "@example.com")
                .containsEntry("role", "user")
                .containsEntry("is_active", true)
                .containsKeys("id", "created_at", "updated_at");
        assertThat(OffsetDateTime.parse((String) user.get("created_at"))).isCloseTo(OffsetDateTime.now(), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void signUpAnswersLocationOfTheNewUser() {
        String name = ApiApp.unique("located");
        Response r = USERS.signUp(signUpBody(name, PASSWORD));
        URI location = r.getLocation();
        Map<String, Object> user = object(r, 201);
        assertThat(location).isNotNull();
        assertThat(location.getPath()).isEqualTo("/api/users/" + id(user));
        assertThat(object(APP.client().target(location).request().get(), 200)).containsEntry("username", name);
    }

    @Test
    void signUpStoresTheEmailLowerCase() {
        String name = ApiApp.unique("MixedCase");
        Map<String, Object> user = object(USERS.signUp(Map.of("username", name, "email", "  " + name.toUpperCase() + "@Example.COM ",
                "password", PASSWORD)), 201);
        assertThat(user.get("email")).isEqualTo(name.toLowerCase() + "@example.com");
    }

    @Test
    void signUpKeepsTheUsernameAsTyped() {
        String name = ApiApp.unique("CamelName");
        assertThat(signedUp(name).get("username")).isEqualTo(name);
    }

    @Test
    void signUpStoresAnArgon2idHashAndNotThePassword() {
        String name = ApiApp.unique("hashed");
        long id = id(signedUp(name));
        String hash = Wire.column(API.jdbi(), id, "password_hash", String.class);
        assertThat(hash).startsWith("$argon2id$v=19$").doesNotContain(PASSWORD);
    }

    @Test
    void signUpResponseNeverContainsThePasswordOrItsHash() {
        String name = ApiApp.unique("secret");
        try (Response r = USERS.signUp(signUpBody(name, PASSWORD))) {
            String body = Wire.text(r, PASSWORD);
            assertThat(r.getStatus()).isEqualTo(201);
            assertThat(body).doesNotContain("password");
        }
    }

    @Test
    void signedUpUserCanSignIn() {
        String name = ApiApp.unique("signin");
        signedUp(name);
        assertThat(API.signIn(name, PASSWORD)).startsWith("iw_");
    }

    @Test
    void signUpWithA64CharacterUsernameIsAccepted() {
        String name = (ApiApp.unique("long") + "x".repeat(64)).substring(0, 64);
        assertThat(signedUp(name).get("username")).isEqualTo(name);
    }

    @Test
    void signUpWithA3CharacterUsernameIsAccepted() {
        String name = "tri"; // the only three-character name in this class's fresh database
        assertThat(object(USERS.signUp(Map.of("username", name, "email", ApiApp.unique("short") + "@example.com", "password", PASSWORD)), 201)
                .get("username")).isEqualTo(name);
    }

    // ---------------------------------------------------------------- 409

    @Test
    void signUpWithTakenUsernameIs409() {
        String name = ApiApp.unique("taken");
        signedUp(name);
        problemNaming(USERS.signUp(Map.of("username", name, "email", "other-" + name + "@example.com", "password", PASSWORD)),
                409, "username");
    }

    @Test
    void signUpWithUsernameTakenInAnotherCaseIs409() {
        String name = ApiApp.unique("casey");
        signedUp(name);
        problemNaming(USERS.signUp(Map.of("username", name.toUpperCase(), "email", "upper-" + name + "@example.com", "password", PASSWORD)),
                409, "username");
        assertThat(usersNamed(API.jdbi(), name)).isEqualTo(1);
    }

    @Test
    void signUpWithTakenEmailIs409() {
        String name = ApiApp.unique("mail");
        signedUp(name);
        String other = ApiApp.unique("mail2");
        problemNaming(USERS.signUp(Map.of("username", other, "email", name + "@example.com", "password", PASSWORD)), 409, "email");
        assertThat(usersNamed(API.jdbi(), other)).isZero();
    }

    @Test
    void signUpWithEmailTakenInAnotherCaseIs409() {
        String name = ApiApp.unique("mailcase");
        signedUp(name);
        String other = ApiApp.unique("mailcase2");
        problemNaming(USERS.signUp(Map.of("username", other, "email", name.toUpperCase() + "@EXAMPLE.com", "password", PASSWORD)),
                409, "email");
        assertThat(usersNamed(API.jdbi(), other)).isZero();
    }
}
