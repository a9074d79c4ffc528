package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.persistence.testing.Race;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

import static dev.inkwell.api.user.UserApiFixture.PASSWORD;
import static dev.inkwell.api.user.UserApiFixture.path;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.usersNamed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parallel sign-ups ({@code POST /api/users}) and renames ({@code PATCH /api/users/{id}}) that
 * claim one username or e-mail address, some in another case: exactly one wins, every other is a
 * 409, none a 500. Each race runs several times, since one run may happen not to overlap.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserRaceApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    /**
     * Sends {@code n} sign-ups, built by {@code body}, released together ({@link Race#together}: each
     * thread has its request ready before the latch opens, so they really overlap); returns their statuses.
     */
    private static List<Integer> raceSignUps(int n, IntFunction<Map<String, Object>> body) throws Exception {
        List<Callable<Integer>> signUps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Entity<Map<String, Object>> entity = Entity.json(body.apply(i));
            signUps.add(() -> {
                try (Response r = API.request("/api/users").post(entity)) {
                    String text = Wire.text(r, PASSWORD);
                    assertThat(r.getStatus()).as("status of %s", text).isNotEqualTo(500);
                    if (r.getStatus() != 201) {
                        assertThat(r.getMediaType().toString()).as(text).startsWith("application/problem+json");
                    }
                    return r.getStatus();
                }
            });
        }
        return Race.together(signUps);
    }

    @RepeatedTest(10)
    void twoParallelSignUpsOfOneUsernameLetExactlyOneWin() throws Exception {
        String name = ApiApp.unique("race2");
        List<Integer> statuses = raceSignUps(2, i -> Map.of("username", name, "email", name + "-" + i + "@example.com",
                "password", PASSWORD));
        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        assertThat(usersNamed(API.jdbi(), name)).isEqualTo(1);
    }

    @RepeatedTest(10)
    void eightParallelSignUpsOfOneUsernameInMixedCaseLetExactlyOneWin() throws Exception {
        String name = ApiApp.unique("race8");
        List<Integer> statuses = raceSignUps(8, i -> Map.of(
                "username", i % 2 == 0 ? name : name.toUpperCase(),
                "email", name + "-" + i + "@example.com", "password", PASSWORD));
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        assertThat(usersNamed(API.jdbi(), name)).isEqualTo(1);
    }

    @RepeatedTest(10)
    void parallelSignUpsWithOneEmailLetExactlyOneWin() throws Exception {
        String stem = ApiApp.unique("racemail");
        List<Integer> statuses = raceSignUps(4, i -> Map.of("username", stem + "-" + i,
                "email", (i % 2 == 0 ? stem : stem.toUpperCase()) + "@example.com", "password", PASSWORD));
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(3);
        long count = API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE email = :e")
                .bind("e", stem.toLowerCase() + "@example.com").mapTo(Long.class).one());
        assertThat(count).isEqualTo(1);
    }

    @RepeatedTest(5)
    void parallelRenamesToOneUsernameLetExactlyOneWin() throws Exception {
        int n = 4;
        List<ApiApp.Session> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(API.signUp("renamer"));
        }
        String target = ApiApp.unique("wanted");
        List<Callable<Integer>> renames = new ArrayList<>();
        for (ApiApp.Session s : users) {
            renames.add(() -> {
                try (Response r = patch(API.request(path(s.id()), s.token()), Map.of("username", target))) {
                    String body = Wire.text(r);
                    assertThat(r.getStatus()).as(body).isNotEqualTo(500);
                    return r.getStatus();
                }
            });
        }
        List<Integer> statuses = Race.together(renames);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(n - 1);
        assertThat(Wire.usersNamed(API.jdbi(), target)).isEqualTo(1);
    }
}
