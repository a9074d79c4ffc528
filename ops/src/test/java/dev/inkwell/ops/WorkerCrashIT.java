package dev.inkwell.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.persistence.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two worker processes (real JVMs from the jar) share one large bulk update; one is stopped in
 * the middle, by SIGKILL or by SIGTERM. The job still completes (JobRunr hands the dead worker's chunk to the
 * other), every targeted post ends changed exactly once, and no other post changes.
 */
@Tag("slow") // runs the jar or the api and worker together: own failsafe execution (root pom)
class WorkerCrashIT {
    private static final int TARGETED = 40_000;
    private static final int OTHERS = 1_000;
    /** JobRunr's states of a job that will still run. */
    private static final Set<String> UNFINISHED = Set.of("AWAITING", "SCHEDULED", "ENQUEUED", "PROCESSING");

    private final List<Jar.Server> workers = new ArrayList<>();
    private TestDatabase db;
    private ApiUnderTest api;

    @AfterEach
    void stop() throws Exception {
        for (Jar.Server worker : workers) {
            worker.process.destroyForcibly();
            worker.close();
        }
        if (api != null) {
            api.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    private Process worker(String namespace) throws Exception {
        Jar.Server worker = Jar.Server.start(db.url(), Map.of("REDIS_URL", TestRedis.get().url()),
                List.of("-Ddw.jobs.chunkSize=250", "-Ddw.jobs.workerCount=2", "-Ddw.cache.namespace=" + namespace), "worker");
        workers.add(worker);
        worker.awaitHealthy(worker.adminUrl("/healthcheck"));
        return worker.process;
    }

    /**
     * SIGKILL (a crash: JobRunr hears nothing) or SIGTERM (a deploy's stop: Dropwizard stops the
     * job server, which interrupts its jobs); either way the job ends and every row is right.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SIGKILL", "SIGTERM"})
    void aWorkerStoppedMidJobLeavesTheJobToTheOtherAndEveryRowEndsRight(String signal) throws Exception {
        db = TestPostgres.get().newDatabase();
        String namespace = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        api = ApiUnderTest.start(db, namespace);
        String token = api.adminToken("crashadmin");
        long target = PostFixture.draftsInTwoCategories(db, "crashadmin", TARGETED, OTHERS);

        Process doomed = worker(namespace);
        String doomedServer = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM jobrunr_backgroundjobservers")
                .mapTo(String.class).one());
        worker(namespace);
        String jobId = api.expect(api.send("POST", "/api/posts/bulk-update", token, Map.of(
                "filter", Map.of("category_id", target),
                "set", Map.of("published", true, "add_tags", List.of("survived")))), 202).get("job_id").asText();

        long started = System.nanoTime();
        // Kill it while it holds a chunk: past 10 %, with a job of its own in PROCESSING.
        JsonNode job = Poll.until(Duration.ofMinutes(4), Duration.ofMillis(5), "the job starts", () -> api.job(jobId, token),
                j -> j.get("progress").asInt() >= 10 && processingOn(doomedServer) > 0);
        assertThat(job.get("state").asText()).as("killed in the middle, not after").isEqualTo("processing");
        if (signal.equals("SIGKILL")) {
            freezeHoldingAChunk(doomed, doomedServer);
            doomed.destroyForcibly(); // no shutdown hook, no goodbye to JobRunr
        } else {
            doomed.destroy();
        }
        assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).as("the worker exits after " + signal).isTrue();

        job = Poll.until(Duration.ofMinutes(4).minusNanos(System.nanoTime() - started), Duration.ofMillis(200),
                "the job completes without the killed worker", () -> {
                    JsonNode now = api.job(jobId, token);
                    assertThat(now.get("state").asText()).isNotEqualTo("failed");
                    return now;
                }, j -> j.get("state").asText().equals("succeeded"));
        if (signal.equals("SIGKILL")) {
            // The killed worker's chunk jobs stay PROCESSING until the other notices its server gone;
            // then they fail as orphans and the other runs them again after a retry's back-off, which
            // may be after the update has succeeded (a chunk committed just before the kill, before
            // JobRunr heard of it, is done and is skipped when run again). So this waits until every
            // job the killed worker had started has ended, one of them finished by the other (its
            // history names two servers); checked at once, it found none on a busy machine.
            Poll.until(Duration.ofMinutes(2), "the other worker finishes every job the killed one had started",
                    () -> jobsOf(doomedServer), jobs -> jobs.stream().noneMatch(j -> UNFINISHED.contains(j.get("state")))
                            && jobs.stream().anyMatch(j -> "SUCCEEDED".equals(j.get("state")) && ((Number) j.get("servers")).longValue() >= 2));
        }
        assertThat(job.get("result").get("matched").asLong()).isEqualTo(TARGETED);
        assertThat(job.get("result").get("changed").asLong()).isEqualTo(TARGETED);
        Map<String, Object> counts = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FILTER (WHERE c.slug = 'target' AND p.published AND p.version = 2
                                          AND (SELECT count(*) FROM post_tags pt WHERE pt.post_id = p.id) = 1) AS changed_once,
                       count(*) FILTER (WHERE c.slug = 'other' AND NOT p.published AND p.version = 1) AS untouched
                  FROM posts p JOIN categories c ON c.id = p.category_id
                """).mapToMap().one());
        assertThat(((Number) counts.get("changed_once")).longValue()).as("targeted posts changed exactly once").isEqualTo(TARGETED);
        assertThat(((Number) counts.get("untouched")).longValue()).isEqualTo(OTHERS);
    }

    /**
     * Stops {@code worker} (SIGSTOP) at a moment it holds a chunk, so that the kill surely leaves one
     * for the other worker: between the poll that saw it processing and the kill it may finish its
     * fetched chunks and wait for its next fetch, and then there is nothing to take over. Stopped, it
     * cannot mark a chunk done; a chunk whose rows it committed just before is still PROCESSING, and
     * the other runs it again (finding nothing left to change).
     */
    private void freezeHoldingAChunk(Process worker, String serverId) throws Exception {
        Poll.until(Duration.ofMinutes(2), Duration.ofMillis(5), "the worker stopped while it processes a chunk", () -> {
            signal(worker, "STOP");
            if (processingOn(serverId) > 0) {
                return true;
            }
            signal(worker, "CONT");
            return false;
        }, Boolean::booleanValue);
    }

    private static void signal(Process process, String signal) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        assertThat(exit).as("kill -%s %d", signal, process.pid()).isZero();
    }

    /** The jobs that name the job server {@code serverId}: how many in each state, with how many server ids in their history. */
    private List<Map<String, Object>> jobsOf(String serverId) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT state, (length(jobasjson) - length(replace(jobasjson, '"serverId"', ''))) / length('"serverId"') AS servers,
                               count(*) AS jobs
                          FROM jobrunr_jobs WHERE jobasjson LIKE :server GROUP BY 1, 2 ORDER BY 1, 2
                        """)
                .bind("server", "%\"serverId\":\"" + serverId + "\"%").mapToMap().list());
    }

    /** Jobs that the job server {@code serverId} is processing now (of {@link #jobsOf}). */
    private long processingOn(String serverId) {
        return jobsOf(serverId).stream().filter(j -> "PROCESSING".equals(j.get("state")))
                .mapToLong(j -> ((Number) j.get("jobs")).longValue()).sum();
    }
}
