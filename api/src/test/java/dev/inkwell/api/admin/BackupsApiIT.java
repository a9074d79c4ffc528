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

/** The backup endpoints without a worker: starting one (then none other while it runs), reading them, admins only. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BackupsApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    @Test
    void anAdminStartsABackupAndASecondOneIsRefusedWhileItRuns() {
        ApiApp.Session admin = API.admin();
        String id;
        try (Response r = HTTP.post("/api/admin/backups", "").as(admin).send()) {
            assertThat(r.getStatus()).isEqualTo(202);
            id = JsonHttp.json(r).get("job_id").asText();
            assertThat(r.getLocation().getPath()).isEqualTo("/api/admin/backups/" + id);
        }
        JsonNode backup = HTTP.get("/api/admin/backups/" + id).as(admin).expect(200);
        assertThat(backup.get("state").asText()).isEqualTo("running");
        long jobs = API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM jobrunr_jobs WHERE id = :id")
                .bind("id", id).mapTo(Long.class).one());
        assertThat(jobs).as("the worker's job is enqueued").isEqualTo(1);

        assertProblem(HTTP.post("/api/admin/backups", "").as(admin).send(), 409);
        assertThat(HTTP.get("/api/admin/backups").as(admin).expect(200).get(0).get("id").asText()).isEqualTo(id);
        API.jdbi().useHandle(h -> h.execute("UPDATE backups SET state = 'failed' WHERE id = CAST(? AS uuid)", id));
    }

    @Test
    void anAdminAsksForARestoreCheck() {
        String job = HTTP.post("/api/admin/backups/restore-check", "").as(API.admin()).expect(202).get("job_id").asText();
        long enqueued = API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM jobrunr_jobs WHERE id = :id")
                .bind("id", job).mapTo(Long.class).one());
        assertThat(enqueued).isEqualTo(1);
        assertProblem(HTTP.post("/api/admin/backups/restore-check", "").as(API.signUp("curious")).send(), 403);
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
