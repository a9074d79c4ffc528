package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
     * Sends {@code n} sign-ups, built by {@code body}, released together; returns their statuses.
     * Each thread has its request ready before the latch opens, so they really overlap.
     */
    private static List<Integer> raceSignUps(int n, IntFunction<Map<String, Object>> body) throws Exception {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Entity<Map<String, Object>> entity = Entity.json(body.apply(i));
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    if (!go.await(30, TimeUnit.SECONDS)) {
                        throw new AssertionError("never released");
                    }
                    try (Response r = API.request("/api/users").post(entity)) {
                        String text = Wire.text(r, PASSWORD);
                        assertThat(r.getStatus()).as("status of %s", text).isNotEqualTo(500);
                        if (r.getStatus() != 201) {
                            assertThat(r.getMediaType().toString()).as(text).startsWith("application/problem+json");
                        }
                        return r.getStatus();
                    }
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads ready").isTrue();
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
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
