package dev.inkwell.api.limit;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitIT {
    static final ApiApp API = new ApiApp(
            ConfigOverride.config("rateLimits.tokens.perMinute", "1"),
            ConfigOverride.config("rateLimits.tokens.burst", "3"),
            ConfigOverride.config("rateLimits.search.perMinute", "1"),
            ConfigOverride.config("rateLimits.search.burst", "2"));
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    @Test
    void signInsPastTheLimitAre429WithRetryAfter() {
        // signUp signs in once; two more sign-ins use the burst of 3
        ApiApp.Session user = API.signUp("limited");
        API.signIn(user.username(), user.password());
        API.signIn(user.username(), user.password());
        Response refused = API.request("/api/tokens").post(Entity.json(Map.of("username", user.username(), "password", user.password())));
        String retryAfter = refused.getHeaderString("Retry-After");
        assertProblem(refused, 429);
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
    }

    @Test
    void searchesAreLimitedButPlainListsAreNot() {
        for (int i = 0; i < 2; i++) {
            try (Response ok = API.request("/api/posts?q=anything").get()) {
                assertThat(ok.getStatus()).isEqualTo(200);
            }
        }
        assertProblem(API.request("/api/posts?q=anything").get(), 429);
        for (int i = 0; i < 5; i++) {
            try (Response list = API.request("/api/posts").get()) {
                assertThat(list.getStatus()).isEqualTo(200);
            }
        }
    }
}
