package dev.inkwell.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.persistence.testing.FlakyProxy;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.persistence.testing.TestRedis;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.function.IntPredicate;

import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load balancer's view: {@code /health-check?type=ready} on the public port. PostgreSQL is
 * critical (cut away: 503, and back: 200 again without a restart); Redis is not (stopped: still
 * 200, with the cache reported degraded). The app reaches PostgreSQL through a proxy the test
 * cuts, and has a Redis of its own to stop.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReadinessIT {
    static final FlakyProxy POSTGRES = FlakyProxy.inFrontOf(TestPostgres.get().server());
    static final TestRedis REDIS = TestRedis.privateServer();
    static final ApiApp API = new ApiApp(REDIS, POSTGRES);
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    @AfterAll
    static void close() {
        REDIS.close();
        POSTGRES.close();
    }

    private static int status(String path) {
        try (Response r = API.request(path).get()) {
            return r.getStatus();
        }
    }

    private static JsonNode check(String name) {
        try (Response r = API.request("/health-check?name=" + name).get()) {
            return JsonHttp.json(r).get(0);
        }
    }

    /** The admin port's full report, with each check's message. */
    private static String redisMessage() {
        try (Response r = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck").request().get()) {
            return JsonHttp.json(r).get("redis").get("message").asText();
        }
    }

    /** Polls the readiness answer until it satisfies {@code expected}; returns the last status. */
    private static int awaitReady(IntPredicate expected) throws Exception {
        return await("/health-check?type=ready", expected);
    }

    /** Polls {@code GET path} until its status satisfies {@code expected}; returns the last status. */
    private static int await(String path, IntPredicate expected) throws Exception {
        return Poll.until(Duration.ofSeconds(15), "GET " + path + " answers as expected", () -> status(path), expected::test);
    }

    @Test
    void readyAndAliveWhenEverythingIsUp() throws Exception {
        assertThat(awaitReady(s -> s == 200)).isEqualTo(200);
        assertThat(status("/health-check?type=alive")).isEqualTo(200);
        assertThat(check("postgresql").get("healthy").asBoolean()).isTrue();
        assertThat(check("postgresql").get("critical").asBoolean()).isTrue();
    }

    @Test
    void staysReadyWithRedisStoppedAndReportsTheCacheDegraded() throws Exception {
        assertThat(awaitReady(s -> s == 200)).isEqualTo(200);
        REDIS.stopServer();
        try {
            // Reads go to PostgreSQL: the instance keeps serving.
            HTTP.get("/api/posts?per_page=1").expect(200);
            Poll.until(Duration.ofSeconds(15), "the cache is reported degraded", () -> redisMessage().startsWith("degraded"));
            assertThat(redisMessage()).startsWith("degraded");
            assertThat(check("redis").get("healthy").asBoolean()).isTrue();
            assertThat(status("/health-check?type=ready")).isEqualTo(200);
        } finally {
            REDIS.restart();
        }
    }

    @Test
    void notReadyWhilePostgresIsUnreachableAndReadyAgainWhenItIsBack() throws Exception {
        assertThat(awaitReady(s -> s == 200)).isEqualTo(200);
        POSTGRES.cut();
        try {
            assertThat(awaitReady(s -> s == 503)).isEqualTo(503);
            // Not ready is not dead: an orchestrator must not restart it for a database outage.
            assertThat(status("/health-check?type=alive")).isEqualTo(200);
        } finally {
            POSTGRES.pass();
        }
        assertThat(awaitReady(s -> s == 200)).isEqualTo(200);
    }

    /** The read that the post filter answers before Jersey fails as the resource would: 503, not 500. */
    @Test
    void anAnonymousPostReadWhilePostgresIsUnreachableIsA503() throws Exception {
        assertThat(awaitReady(s -> s == 200)).isEqualTo(200);
        POSTGRES.cut();
        try {
            Map<String, Object> problem = assertProblem(API.request("/api/posts/1").get(), 503);
            assertThat(problem.get("type")).isEqualTo("/problems/unavailable");
        } finally {
            POSTGRES.pass();
        }
        // Back: the pool replaces the connections the cut broke, and the read answers again.
        assertThat(await("/api/posts/1", s -> s != 503)).isEqualTo(404);
    }
}
