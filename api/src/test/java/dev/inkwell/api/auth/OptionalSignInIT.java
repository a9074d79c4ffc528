package dev.inkwell.api.auth;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Endpoints where signing in is optional: anonymous is fine, wrong credentials are not. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OptionalSignInIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    @ParameterizedTest
    @ValueSource(strings = {"/api/posts", "/api/users", "/api/users/1"})
    void anonymousReadersAreServed(String path) {
        API.signUp("someone");
        try (Response r = API.request(path).get()) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/posts", "/api/users", "/api/users/1", "/api/posts/1"})
    void aBadTokenIs401NotAnonymous(String path) {
        Response r = API.request(path, "iw_not-a-token-of-ours").get();
        assertProblem(r, 401);
    }

    @Test
    void anotherSchemeIs401() {
        assertProblem(API.request("/api/posts").header(HttpHeaders.AUTHORIZATION, "Basic YTpi").get(), 401);
    }

    @Test
    void aValidTokenIsServed() {
        ApiApp.Session user = API.signUp("reader");
        try (Response r = API.request("/api/users/" + user.id(), user.token()).get()) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.readEntity(String.class)).contains(user.username() + "@example.com");
        }
    }
}
