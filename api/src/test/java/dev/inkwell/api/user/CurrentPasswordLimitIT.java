package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wrong {@code current_password} of {@code PATCH /api/users/{id}} counts against the account's
 * failed sign-ins ("signInFailures", here 3 at once and one a minute back), so a stolen token
 * cannot guess the password without limit.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CurrentPasswordLimitIT {
    static final ApiApp API = new ApiApp(
            ConfigOverride.config("rateLimits.signInFailures.perMinute", "1"),
            ConfigOverride.config("rateLimits.signInFailures.burst", "3"));
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserApiFixture USERS = new UserApiFixture(API);

    private static Response changePassword(ApiApp.Session s, String current) {
        return patch(API.request("/api/users/" + s.id(), s.token()), Map.of("password", "a brand new password", "current_password", current));
    }

    @Test
    void wrongCurrentPasswordsPastTheLimitAre429AndChangeNothing() {
        ApiApp.Session s = API.signUp("guessed");
        String before = snapshot(API.jdbi());
        for (int i = 0; i < 3; i++) {
            problem(changePassword(s, "guess-" + i), 403);
        }
        try (Response refused = changePassword(s, s.password())) {
            String body = refused.readEntity(String.class);
            assertThat(refused.getStatus()).as("status of %s", body).isEqualTo(429);
            assertThat(refused.getHeaderString("Content-Type")).startsWith("application/problem+json");
            assertThat(Long.parseLong(refused.getHeaderString("Retry-After"))).isBetween(1L, 60L);
        }
        assertThat(snapshot(API.jdbi())).as("the right password, refused, changed nothing").isEqualTo(before);
        // The same bucket as sign-in's, keyed by the lower-cased username.
        try (Response signIn = USERS.signIn(s.username().toUpperCase(), s.password())) {
            assertThat(signIn.getStatus()).isEqualTo(429);
        }
    }

    @Test
    void theRightCurrentPasswordDoesNotCount() {
        ApiApp.Session s = API.signUp("righteous");
        for (int i = 0; i < 2; i++) {
            problem(changePassword(s, "guess-" + i), 403);
        }
        try (Response ok = patch(API.request("/api/users/" + s.id(), s.token()), Map.of("email", "new-" + s.username() + "@example.com",
                "password", s.password() + "-2", "current_password", s.password()))) {
            assertThat(ok.getStatus()).isEqualTo(200);
        }
        problem(changePassword(new ApiApp.Session(s.id(), s.username(), s.password() + "-2", s.token()), "guess-2"), 403);
    }
}
