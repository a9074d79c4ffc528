package dev.inkwell.api;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class UsersApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    @Test
    void signUpAnswers201WithLocationAndNoPassword() {
        String name = ApiApp.unique("new");
        try (Response r = API.request("/api/users").post(Entity.json(Map.of(
                "username", name, "email", name.toUpperCase() + "@Example.COM", "password", "long enough password")))) {
            assertThat(r.getStatus()).isEqualTo(201);
            String body = r.readEntity(String.class);
            assertThat(body).doesNotContain("password").doesNotContain("argon2");
            Map<?, ?> user = io.dropwizard.jackson.Jackson.newObjectMapper().convertValue(
                    io.dropwizard.jackson.Jackson.newObjectMapper().readTree(body), Map.class);
            assertThat(user.get("email")).isEqualTo(name.toLowerCase() + "@example.com");
            assertThat(user.get("is_active")).isEqualTo(true);
            assertThat(r.getLocation().getPath()).isEqualTo("/api/users/" + user.get("id"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void signUpWithEveryFieldWrongNamesThemAll() {
        Map<String, Object> problem = assertProblem(API.request("/api/users").post(Entity.json(Map.of(
                "username", "x", "email", "nope", "password", "short"))), 422);
        assertFields(problem, "username", "email", "password");
    }

    @Test
    void signUpWithUnknownFieldIs422AndCreatesNothing() {
        String name = ApiApp.unique("sneaky");
        assertFields(assertProblem(API.request("/api/users").post(Entity.json(Map.of(
                "username", name, "email", name + "@example.com", "password", "long enough password", "role", "admin"))), 422), "role");
        long count = API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE username = :u")
                .bind("u", name).mapTo(Long.class).one());
        assertThat(count).isZero();
    }
}
