package dev.inkwell.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestHttp;
import dev.inkwell.worker.WorkerConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk update through HTTP with the real api and worker (in this JVM, on one database and one
 * Redis, with the production config files): 20,000 posts change, progress rises on
 * GET /api/jobs/{id}, no other post changes, and no stale copy (of a post, a list page or a feed) is left in the cache.
 */
@Tag("slow") // runs the jar or the api and worker together: own failsafe execution (root pom)
class BulkUpdateEndToEndIT {
    private static final int TARGETED = 20_000;
    private static final int OTHERS = 500;

    private static ApiAndWorker stack;
    private static TestDatabase db;
    private static ApiUnderTest api;
    private static DropwizardTestSupport<WorkerConfiguration> worker;
    private static final String DASHBOARD_PASSWORD = "dashboard secret";
    private static int dashboardPort;
    private static Path backupDir;

    @BeforeAll
    static void start() throws Exception {
        // JobRunr's dashboard must be told its port (it does not report one it chose).
        dashboardPort = Jar.freePort();
        backupDir = Files.createTempDirectory("inkwell-backups");
        stack = ApiAndWorker.start("e2e", List.of(), List.of(ConfigOverride.config("jobs.workerCount", "2"),
                ConfigOverride.config("jobs.dashboardPort", Integer.toString(dashboardPort)),
                ConfigOverride.config("jobs.dashboardPassword", DASHBOARD_PASSWORD),
                ConfigOverride.config("backups.dir", backupDir.toString())));
        db = stack.db;
        api = stack.api;
        worker = stack.worker;
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aBackupStartedThroughTheApiIsMadeByTheWorkerAndVerified() throws Exception {
        String token = api.adminToken("backupadmin");
        String id = api.expect(api.send("POST", "/api/admin/backups", token, null), 202).get("job_id").asText();
        JsonNode backup = Poll.until(Duration.ofMinutes(2), Duration.ofMillis(100), "the backup finishes",
                () -> api.expect(api.send("GET", "/api/admin/backups/" + id, token, null), 200),
                b -> !b.get("state").asText().equals("running"));
        assertThat(backup.get("state").asText()).as(backup.toString()).isEqualTo("verified");
        Path archive = backupDir.resolve(backup.get("file").asText());
        assertThat(archive).exists();
        assertThat(Files.size(archive)).isEqualTo(backup.get("size_bytes").asLong());
        assertThat(backup.get("row_counts").get("users").asLong()).isPositive();
        JsonNode job = finished(id, token);
        assertThat(job.get("type").asText()).isEqualTo("backup");
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("progress").asInt()).isEqualTo(100);

        // The restore check of that backup, followed where its answer points.
        TestHttp.Answer accepted = api.send("POST", "/api/admin/backups/restore-check", token, null);
        String check = api.expect(accepted, 202).get("job_id").asText();
        assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/jobs/" + check));
        JsonNode checked = finished(check, token);
        assertThat(checked.get("type").asText()).isEqualTo("restore_check");
        assertThat(checked.get("state").asText()).as(checked.toString()).isEqualTo("succeeded");
        assertThat(checked.get("error").isNull()).isTrue();
        assertThat(api.expect(api.send("GET", "/api/admin/backups/" + id, token, null), 200).get("restore_check_error").isNull()).isTrue();
    }

    /** The job once JobRunr says it ended (succeeded or failed), polled for at most 2 minutes. */
    private JsonNode finished(String id, String token) throws Exception {
        return Poll.until(Duration.ofMinutes(2), Duration.ofMillis(100), "job " + id + " ends", () -> api.job(id, token),
                job -> List.of("succeeded", "failed").contains(job.get("state").asText()));
    }

    @Test
    void theWorkerReportsItsJobServerHealthyAndItsDashboardWantsThePassword() throws Exception {
        TestHttp.Answer health = TestHttp.get("http://127.0.0.1:" + worker.getAdminPort() + "/healthcheck").send();
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        JsonNode checks = health.json();
        assertThat(checks.get("jobs").get("healthy").asBoolean()).isTrue();
        assertThat(checks.get("postgresql").get("healthy").asBoolean()).isTrue();

        String dashboard = "http://127.0.0.1:" + dashboardPort + "/dashboard/overview";
        assertThat(TestHttp.get(dashboard).send().status()).isEqualTo(401);
        assertThat(TestHttp.get(dashboard).basic("admin", "guess").send().status()).isEqualTo(401);
        assertThat(TestHttp.get(dashboard).basic("admin", DASHBOARD_PASSWORD).send().status()).isEqualTo(200);
    }

    @Test
    void twentyThousandPostsChangeWithProgressAndNoStaleCopyNoOtherPost() throws Exception {
        String token = api.adminToken("bulkadmin");
        long target = PostFixture.draftsInTwoCategories(db, "bulkadmin", TARGETED, OTHERS);
        List<Long> sample = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM posts WHERE category_id = :c ORDER BY id LIMIT 3").bind("c", target).mapTo(Long.class).list());
        for (long id : sample) {
            // Cached drafts (the admin may read them).
            api.expect(api.send("GET", "/api/posts/" + id, token, null), 200);
            assertThat(api.expect(api.send("GET", "/api/posts/" + id, token, null), 200).get("published").asBoolean()).isFalse();
        }
        // A kept page (read twice) of the category's published posts: none yet.
        String published = "/api/posts?per_page=5&category_id=" + target;
        api.expect(api.send("GET", published, null, null), 200);
        assertThat(api.expect(api.send("GET", published, null, null), 200).get("total").asLong()).isZero();
        // A kept feed (read twice) of the category: no entry yet.
        String feed = "/api/feeds/categories/" + target + ".atom";
        assertThat(api.send("GET", feed, null, null).status()).isEqualTo(200);
        assertThat(api.send("GET", feed, null, null).text()).doesNotContain("<entry>");

        TestHttp.Answer accepted = api.send("POST", "/api/posts/bulk-update", token, Map.of(
                "request_id", "e2e-1",
                "filter", Map.of("category_id", target),
                "set", Map.of("published", true, "add_tags", List.of("bulk"))));
        String jobId = api.expect(accepted, 202).get("job_id").asText();
        assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/jobs/" + jobId));
        assertThat(api.expect(api.send("POST", "/api/posts/bulk-update", token, Map.of(
                "request_id", "e2e-1", "filter", Map.of("category_id", target), "set", Map.of("published", true))), 202)
                .get("job_id").asText()).as("a retry with the same request id").isEqualTo(jobId);

        List<Integer> progress = new ArrayList<>();
        JsonNode job = Poll.until(Duration.ofMinutes(3), Duration.ofMillis(50), "the job finishes", () -> {
            JsonNode now = api.job(jobId, token);
            progress.add(now.get("progress").asInt());
            assertThat(now.get("state").asText()).isNotEqualTo("failed");
            return now;
        }, now -> now.get("state").asText().equals("succeeded"));

        assertThat(progress).isSorted();
        assertThat(progress).as("progress seen along the way").anySatisfy(p -> assertThat(p).isBetween(1, 99));
        assertThat(job.get("progress").asInt()).isEqualTo(100);
        assertThat(job.get("result").get("matched").asLong()).isEqualTo(TARGETED);
        assertThat(job.get("result").get("changed").asLong()).isEqualTo(TARGETED);
        assertThat(job.get("result").get("tag_limited").asLong()).as("no post had 20 tags").isZero();

        Map<String, Object> counts = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FILTER (WHERE c.slug = 'target' AND p.published AND p.version = 2
                                          AND EXISTS (SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
                                                       WHERE pt.post_id = p.id AND t.name = 'bulk')) AS changed_right,
                       count(*) FILTER (WHERE c.slug = 'other' AND NOT p.published AND p.version = 1
                                          AND NOT EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = p.id)) AS untouched
                  FROM posts p JOIN categories c ON c.id = p.category_id
                """).mapToMap().one());
        assertThat(((Number) counts.get("changed_right")).longValue()).isEqualTo(TARGETED);
        assertThat(((Number) counts.get("untouched")).longValue()).isEqualTo(OTHERS);
        for (long id : sample) {
            JsonNode post = api.expect(api.send("GET", "/api/posts/" + id, null, null), 200);
            assertThat(post.get("published").asBoolean()).as("no stale cached copy of post %d", id).isTrue();
            assertThat(post.get("tags").toString()).contains("\"bulk\"");
        }
        JsonNode page = api.expect(api.send("GET", published, null, null), 200);
        assertThat(page.get("items")).as("no stale kept page").hasSize(5);
        assertThat(api.send("GET", feed, null, null).text().split("<entry>", -1)).as("no stale kept feed: 20 entries").hasSize(21);
        // Over 1,000 matches the total is PostgreSQL's estimate (DESIGN: exact below that).
        assertThat(page.get("total").asLong()).isPositive();
    }
}
