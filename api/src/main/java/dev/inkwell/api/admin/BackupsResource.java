package dev.inkwell.api.admin;

import dev.inkwell.api.auth.AdminOnly;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.domain.backup.Backup;
import dev.inkwell.persistence.backup.BackupDao;
import dev.inkwell.persistence.job.BackupJobRequest;
import dev.inkwell.persistence.job.RestoreCheckJobRequest;
import dev.inkwell.persistence.job.RestoreChecks;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jobrunr.scheduling.JobRequestScheduler;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Backups for admins: the list (newest first), one backup, a manual trigger that starts a
 * backup and enqueues the worker's job (409 while another backup runs), and the restore check
 * on demand.
 */
@AdminOnly
@Path("/api/admin/backups")
@Produces(MediaType.APPLICATION_JSON)
public final class BackupsResource {
    private static final int LIST_LIMIT = 100;

    private final BackupDao backups;
    private final JobRequestScheduler jobs;
    private final RestoreChecks restoreChecks;

    public BackupsResource(BackupDao backups, JobRequestScheduler jobs, RestoreChecks restoreChecks) {
        this.backups = backups;
        this.jobs = jobs;
        this.restoreChecks = restoreChecks;
    }

    @GET
    public List<BackupResponse> list(@Auth Caller caller) {
        return backups.newest(LIST_LIMIT).stream().map(BackupResponse::of).toList();
    }

    @GET
    @Path("/{id}")
    public BackupResponse get(@PathParam("id") UUID id, @Auth Caller caller) {
        return backups.find(id).map(BackupResponse::of).orElseThrow(() -> new NotFoundException("backup", id.toString()));
    }

    @POST
    public Response start(@Auth Caller caller, @Context UriInfo uri) {
        UUID id = UUID.randomUUID();
        backups.start(id); // a ConflictException (409, "a backup is already running") while another one runs
        jobs.enqueue(id, new BackupJobRequest(id));
        return Response.accepted(Map.of("job_id", id))
                .location(uri.getBaseUriBuilder().path("api/admin/backups/{id}").build(id))
                .build();
    }

    /**
     * Runs the restore check now (the newest verified backup into a scratch database); its outcome
     * shows on that backup, and the job at {@code GET /api/jobs/{id}}. 409 while one is queued or running.
     */
    @POST
    @Path("/restore-check")
    public Response restoreCheck(@Auth Caller caller, @Context UriInfo uri) {
        UUID job = restoreChecks.enqueue(new RestoreCheckJobRequest("requested by " + caller.getName()));
        return Response.accepted(Map.of("job_id", job))
                .location(uri.getBaseUriBuilder().path("api/jobs/{id}").build(job))
                .build();
    }

    /** A backup on the wire. */
    public record BackupResponse(UUID id, String state, String file, Long sizeBytes, String sha256, String schemaVersion,
                                 String serverVersion, Map<String, Long> rowCounts, String error, OffsetDateTime startedAt,
                                 OffsetDateTime finishedAt, OffsetDateTime restoreCheckedAt, String restoreCheckError) {
        /** A verified backup whose latest restore check failed is no longer "verified" on the wire. */
        static final String CHECK_FAILED = "check_failed";

        static BackupResponse of(Backup b) {
            String state = Backup.VERIFIED.equals(b.state()) && b.restoreCheckError() != null ? CHECK_FAILED : b.state();
            return new BackupResponse(b.id(), state, b.file(), b.sizeBytes(), b.sha256(), b.schemaVersion(),
                    b.serverVersion(), b.rowCounts(), b.error(), b.startedAt(), b.finishedAt(), b.restoreCheckedAt(),
                    b.restoreCheckError());
        }
    }
}
