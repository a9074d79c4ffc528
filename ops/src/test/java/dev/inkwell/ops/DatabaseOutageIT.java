package dev.inkwell.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.InkwellApiApplication;
import dev.inkwell.persistence.testing.ConfigOverrides;
import dev.inkwell.persistence.testing.FlakyProxy;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestHttp;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.worker.InkwellWorkerApplication;
import dev.inkwell.worker.WorkerConfiguration;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL going away and coming back, between a process and its database (a fault proxy):
 * a worker's job server starts again and runs jobs enqueued after the outage; a worker or an api
 * started while PostgreSQL is unreachable starts not ready and becomes ready when it is back;
 * while no worker runs, the api still accepts bulk updates and says that no worker is running.
 */
@Tag("slow") // runs the jar or the api and worker together: own failsafe execution (root pom)
class DatabaseOutageIT {
    private final List<DropwizardTestSupport<?>> apps = new ArrayList<>();
    private TestDatabase db;
    private FlakyProxy proxy;
    private ApiUnderTest api;
    private String namespace;

    @BeforeEach
    void database() {
        db = TestPostgres.get().newDatabase();
        proxy = FlakyProxy.inFrontOf(db.url());
        namespace = "outage-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() {
        apps.forEach(DropwizardTestSupport::after);
        if (api != null) {
            api.stop();
        }
        ConfigOverrides.forget();
        proxy.close();
        db.close();
    }

    /** {@code app} with {@code config}, on the test's database through the proxy. */
    private <C extends Configuration> DropwizardTestSupport<C> start(Class<? extends Application<C>> app, String config,
                                                                    ConfigOverride... more) throws Exception {
        List<ConfigOverride> overrides = ApiUnderTest.overrides(proxy.to(db.url()), namespace);
        overrides.addAll(List.of(more));
        DropwizardTestSupport<C> support = new DropwizardTestSupport<>(app, Path.of(config).toAbsolutePath().toString(),
                overrides.toArray(ConfigOverride[]::new));
        support.before();
        apps.add(support);
        return support;
    }

    private DropwizardTestSupport<WorkerConfiguration> worker() throws Exception {
        return start(InkwellWorkerApplication.class, "config/worker.yml", ConfigOverride.config("jobs.workerCount", "2"));
    }

    /** The app's health checks (admin port), as JSON, polled until {@code until} holds. */
    private static JsonNode awaitHealth(DropwizardTestSupport<?> app, String what, Predicate<JsonNode> until) throws Exception {
        return Poll.until(Duration.ofSeconds(90), Duration.ofMillis(200), what,
                () -> TestHttp.get("http://127.0.0.1:" + app.getAdminPort() + "/healthcheck").send().json(), until);
    }

    private static int readiness(DropwizardTestSupport<?> app) {
        return TestHttp.get("http://127.0.0.1:" + app.getLocalPort() + "/health-check?type=ready").send().status();
    }

    private static boolean healthy(JsonNode checks, String check) {
        return checks.path(check).path("healthy").asBoolean(false);
    }

    /** A bulk update publishing the drafts of {@code category}, polled until it succeeded. */
    private JsonNode bulkUpdateRuns(String token, long category, String requestId) throws Exception {
        String job = api.expect(api.send("POST", "/api/posts/bulk-update", token, Map.of(
                "request_id", requestId, "filter", Map.of("category_id", category), "set", Map.of("published", true))), 202)
                .get("job_id").asText();
        return Poll.until(Duration.ofMinutes(2), Duration.ofMillis(200), "the job runs", () -> api.job(job, token),
                state -> state.get("state").asText().equals("succeeded"));
    }

    @Test
    void aWorkerWhoseDatabaseWentAwayAndCameBackRunsJobsAgain() throws Exception {
        api = ApiUnderTest.start(db, namespace);
        String token = api.adminToken("outageadmin");
        long category = PostFixture.draftsInTwoCategories(db, "outageadmin", 50, 5);
        DropwizardTestSupport<WorkerConfiguration> worker = worker();
        awaitHealth(worker, "the job server runs", c -> healthy(c, "jobs"));

        proxy.cut();
        awaitHealth(worker, "JobRunr stops its server while the database is away",
                c -> c.path("jobs").path("message").asText().contains("not running"));
        java.sql.Timestamp back = java.sql.Timestamp.from(java.time.Instant.now());
        proxy.pass();
        JsonNode again = awaitHealth(worker, "the job server runs again", c -> healthy(c, "jobs"));
        assertThat(healthy(again, "job-supervisor")).as(again.toString()).isTrue();
        assertThat(bulkUpdateRuns(token, category, "after-the-outage").get("result").get("changed").asLong()).isEqualTo(50);
        // JobRunr writes the heartbeats from this JVM, as this Timestamp is bound: same clock, same zone.
        long beating = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM jobrunr_backgroundjobservers WHERE lastHeartbeat > :back").bind("back", back).mapTo(Long.class).one());
        assertThat(beating).as("one job server of this worker beats after the outage, never the old one beside it").isEqualTo(1);
    }

    @Test
    void aWorkerStartedWithoutItsDatabaseBecomesReadyWhenItIsBack() throws Exception {
        api = ApiUnderTest.start(db, namespace);
        String token = api.adminToken("lateadmin");
        long category = PostFixture.draftsInTwoCategories(db, "lateadmin", 20, 5);
        proxy.cut();
        DropwizardTestSupport<WorkerConfiguration> worker = worker();
        JsonNode down = awaitHealth(worker, "the checks ran", c -> c.has("jobs"));
        assertThat(healthy(down, "jobs")).as(down.toString()).isFalse();
        assertThat(readiness(worker)).isEqualTo(503);

        proxy.pass();
        awaitHealth(worker, "the job server starts", c -> healthy(c, "jobs"));
        assertThat(bulkUpdateRuns(token, category, "late-start").get("result").get("changed").asLong()).isEqualTo(20);
    }

    @Test
    void anApiStartedWithoutItsDatabaseIsNotReadyUntilItIsBack() throws Exception {
        proxy.cut();
        DropwizardTestSupport<ApiConfiguration> late = start(InkwellApiApplication.class, "config/api.yml");
        awaitHealth(late, "the checks ran", c -> c.has("postgresql") && !healthy(c, "postgresql"));
        assertThat(readiness(late)).isEqualTo(503);
        proxy.pass();
        Poll.until(Duration.ofSeconds(60), "ready once PostgreSQL is back", () -> readiness(late) == 200);
    }

    @Test
    void withoutAnyWorkerBulkUpdatesAreAcceptedAndTheJobAndHealthSayNoWorkerRuns() throws Exception {
        api = ApiUnderTest.start(db, namespace);
        String token = api.adminToken("lonelyadmin");
        long category = PostFixture.draftsInTwoCategories(db, "lonelyadmin", 5, 1);
        String job = api.expect(api.send("POST", "/api/posts/bulk-update", token, Map.of(
                "filter", Map.of("category_id", category), "set", Map.of("published", true))), 202).get("job_id").asText();
        JsonNode waiting = api.job(job, token);
        assertThat(waiting.get("state").asText()).isEqualTo("enqueued");
        assertThat(waiting.get("notice").asText()).contains("no worker is running");

        JsonNode health = awaitHealth(api.support(), "the api's workers check runs", c -> c.has("workers"));
        assertThat(health.get("workers").get("message").asText()).contains("degraded: no worker is running");
        assertThat(health.get("workers").get("degraded").asBoolean()).isTrue();
        Poll.until(Duration.ofSeconds(60), "ready without a worker: jobs wait", () -> readiness(api.support()) == 200);
    }
}
