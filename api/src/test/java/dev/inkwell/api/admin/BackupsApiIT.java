package dev.inkwell.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backup endpoints without a worker: starting one (then none other while it runs), reading
 * them and their jobs, admins only. (ops BulkUpdateEndToEndIT follows them to the end with a worker.)
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BackupsApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    /** POSTs to {@code path}: 202 with the job's id, and a Location of {@code location} + that id. */
    private static String accepted(String path, ApiApp.Session admin, String location) {
        try (Response r = HTTP.post(path, "").as(admin).send()) {
            assertThat(r.getStatus()).isEqualTo(202);
            String id = JsonHttp.json(r).get("job_id").asText();
            assertThat(r.getLocation().getPath()).isEqualTo(location + id);
            return id;
        }
    }

    @Test
    void anAdminStartsABackupAndASecondOneIsRefusedWhileItRuns() {
        ApiApp.Session admin = API.admin();
        String id = accepted("/api/admin/backups", admin, "/api/admin/backups/");
        JsonNode backup = HTTP.get("/api/admin/backups/" + id).as(admin).expect(200);
        assertThat(backup.get("state").asText()).isEqualTo("running");
        long jobs = API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM jobrunr_jobs WHERE id = :id")
                .bind("id", id).mapTo(Long.class).one());
        assertThat(jobs).as("the worker's job is enqueued").isEqualTo(1);

        JsonNode job = HTTP.get("/api/jobs/" + id).as(admin).expect(200);
        assertThat(job.get("type").asText()).isEqualTo("backup");
        assertThat(job.get("state").asText()).as("no worker here").isEqualTo("enqueued");
        assertThat(job.get("progress").asInt()).isZero();
        assertThat(job.get("result").isNull()).isTrue();

        assertThat(assertProblem(HTTP.post("/api/admin/backups", "").as(admin).send(), 409).get("detail"))
                .isEqualTo("a backup is already running");
        assertThat(HTTP.get("/api/admin/backups").as(admin).expect(200).get(0).get("id").asText()).isEqualTo(id);
        API.jdbi().useHandle(h -> h.execute("UPDATE backups SET state = 'failed' WHERE id = CAST(? AS uuid)", id));
    }

    @Test
    void anAdminAsksForARestoreCheckAndFollowsItsJob() {
        ApiApp.Session admin = API.admin();
        String job = accepted("/api/admin/backups/restore-check", admin, "/api/jobs/");
        long enqueued = API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM jobrunr_jobs WHERE id = :id")
                .bind("id", job).mapTo(Long.class).one());
        assertThat(enqueued).isEqualTo(1);
        JsonNode followed = HTTP.get("/api/jobs/" + job).as(admin).expect(200);
        assertThat(followed.get("id").asText()).isEqualTo(job);
        assertThat(followed.get("type").asText()).isEqualTo("restore_check");
        assertThat(followed.get("state").asText()).isEqualTo("enqueued");
        assertThat(followed.get("error").isNull()).isTrue();
        assertThat(followed.get("notice").asText()).as("no worker here").contains("no worker is running");

        // A second one while the first is queued (then running) is refused, like a second backup.
        assertThat(assertProblem(HTTP.post("/api/admin/backups/restore-check", "").as(admin).send(), 409).get("detail"))
                .isEqualTo("a restore check is already queued or running");
        // Queued, running, a failed one waiting for its retry (SCHEDULED), or one awaiting its
        // turn: each keeps a second one out.
        for (String state : java.util.List.of("PROCESSING", "SCHEDULED", "AWAITING")) {
            API.jdbi().useHandle(h -> h.execute("UPDATE jobrunr_jobs SET state = ? WHERE id = ?", state, job));
            assertThat(assertProblem(HTTP.post("/api/admin/backups/restore-check", "").as(admin).send(), 409).get("detail"))
                    .as(state).isEqualTo("a restore check is already queued or running");
        }
        API.jdbi().useHandle(h -> h.execute("UPDATE jobrunr_jobs SET state = 'SUCCEEDED' WHERE id = ?", job));
        String next = accepted("/api/admin/backups/restore-check", admin, "/api/jobs/");
        API.jdbi().useHandle(h -> h.execute("UPDATE jobrunr_jobs SET state = 'SUCCEEDED' WHERE id = ?", next));

        ApiApp.Session curious = API.signUp("curious");
        assertProblem(HTTP.post("/api/admin/backups/restore-check", "").as(curious).send(), 403);
        assertProblem(HTTP.get("/api/jobs/" + job).as(curious).send(), 404);
        assertProblem(HTTP.get("/api/jobs/" + job).send(), 401);
    }

    @Test
    void ofRestoreChecksRequestedAtOnceExactlyOneIsAccepted() throws Exception {
        ApiApp.Session admin = API.admin();
        java.util.List<java.util.concurrent.Callable<Integer>> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(() -> {
                try (Response r = HTTP.post("/api/admin/backups/restore-check", "").as(admin).send()) {
                    return r.getStatus();
                }
            });
        }
        java.util.List<Integer> statuses = JsonHttp.together(requests);
        assertThat(statuses).as(statuses.toString()).containsOnly(202, 409).filteredOn(s -> s == 202).hasSize(1);
        API.jdbi().useHandle(h -> h.execute(
                "UPDATE jobrunr_jobs SET state = 'SUCCEEDED' WHERE state = 'ENQUEUED' AND jobsignature LIKE '%RestoreCheckJobRequest%'"));
    }

    @Test
    void aBackupWhoseRestoreCheckFailedNoLongerReadsVerified() {
        ApiApp.Session admin = API.admin();
        String id = java.util.UUID.randomUUID().toString();
        API.jdbi().useHandle(h -> h.execute("""
                INSERT INTO backups (id, state, file, size_bytes, sha256, finished_at, restore_checked_at, restore_check_error)
                VALUES (CAST(? AS uuid), 'verified', 'x.dump', 1, 'ab', now(), now(), 'row counts differ')
                """, id));
        assertThat(HTTP.get("/api/admin/backups/" + id).as(admin).expect(200).get("state").asText()).isEqualTo("check_failed");
        API.jdbi().useHandle(h -> h.execute("UPDATE backups SET restore_check_error = NULL WHERE id = CAST(? AS uuid)", id));
        assertThat(HTTP.get("/api/admin/backups/" + id).as(admin).expect(200).get("state").asText()).isEqualTo("verified");
        API.jdbi().useHandle(h -> h.execute("UPDATE backups SET state = 'deleted' WHERE id = CAST(? AS uuid)", id));
    }

    @Test
    void onlyAdminsSeeOrStartBackups() {
        ApiApp.Session user = API.signUp("notadmin");
        assertProblem(HTTP.get("/api/admin/backups").as(user).send(), 403);
        assertProblem(HTTP.post("/api/admin/backups", "").as(user).send(), 403);
        assertProblem(HTTP.get("/api/admin/backups").send(), 401);
        assertProblem(HTTP.get("/api/admin/backups/00000000-0000-0000-0000-000000000000").as(API.admin()).send(), 404);
    }
}
