package dev.inkwell.api.job;

import dev.inkwell.api.auth.Caller;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.domain.post.BulkUpdateStatus;
import dev.inkwell.persistence.job.BulkUpdateChunkJobRequest;
import dev.inkwell.persistence.job.JobServers;
import dev.inkwell.persistence.job.JobType;
import dev.inkwell.persistence.post.BulkUpdateDao;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobParameter;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageProvider;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /api/jobs/{id}}: a job of the caller's (admins: anyone's). A bulk update's state
 * comes from JobRunr until the work is planned, then from the chunks done: a fanned-out update is
 * "succeeded" when its last chunk is, whichever worker did it. Admins also follow the other job
 * types {@link JobType} marks so (backups, restore checks, ...) here, straight from JobRunr.
 */
@Path("/api/jobs/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class JobsResource {
    /** A failure's message is cut to this many characters (the worker's log has it whole). */
    private static final int ERROR_MAX = 1000;

    private final BulkUpdateDao bulkUpdates;
    private final StorageProvider storage;

    public JobsResource(BulkUpdateDao bulkUpdates, StorageProvider storage) {
        this.bulkUpdates = bulkUpdates;
        this.storage = storage;
    }

    @GET
    public JobResponse get(@PathParam("id") UUID id, @Auth Caller caller) {
        Optional<BulkUpdateStatus> bulk = bulkUpdates.status(id);
        if (bulk.isPresent()) {
            return bulkUpdate(bulk.get(), caller);
        }
        Job job = caller.isAdmin() ? job(id) : null;
        String type = job == null ? null : JobType.ofRequest(requestClass(job))
                .filter(JobType::followedByAdmins).map(JobType::typeName).orElse(null);
        if (type == null) {
            throw new NotFoundException("job", id.toString());
        }
        StateName state = job.getState();
        String error = job.getLastJobStateOfType(FailedState.class)
                .map(f -> f.getExceptionMessage() == null ? f.getExceptionType() : f.getExceptionType() + ": " + f.getExceptionMessage())
                .map(m -> m.length() > ERROR_MAX ? m.substring(0, ERROR_MAX) + "…" : m)
                .orElse(null);
        String name = state.name().toLowerCase(Locale.ROOT);
        return new JobResponse(id, type, name, state == StateName.SUCCEEDED ? 100 : 0, null,
                error, job.getCreatedAt().atOffset(ZoneOffset.UTC), job.getUpdatedAt().atOffset(ZoneOffset.UTC), notice(name));
    }

    /** The class of the job's request (its one parameter), or "" for a job of another shape. */
    private static String requestClass(Job job) {
        List<JobParameter> parameters = job.getJobDetails().getJobParameters();
        return parameters.size() == 1 && parameters.get(0).getClassName() != null ? parameters.get(0).getClassName() : "";
    }

    private JobResponse bulkUpdate(BulkUpdateStatus status, Caller caller) {
        UUID id = status.id();
        if (status.ownerId() != caller.id() && !caller.isAdmin()) {
            // Someone else's job exists only for admins.
            throw new NotFoundException("job", id.toString());
        }
        Job job = job(id);
        String state;
        if (status.done()) {
            state = "succeeded";
        } else if ((job != null && job.getState() == StateName.FAILED) || chunkFailed(status)) {
            state = "failed";
        } else if (status.planned()) {
            state = "processing";
        } else {
            state = job == null ? "enqueued" : job.getState().name().toLowerCase(Locale.ROOT);
        }
        OffsetDateTime updated = status.lastDoneAt() != null ? status.lastDoneAt()
                : job != null ? job.getUpdatedAt().atOffset(ZoneOffset.UTC) : status.createdAt();
        JobResponse.Result result = status.done() ? new JobResponse.Result(status.matched(), status.changed(), status.tagLimited(),
                java.time.Duration.between(status.createdAt(), updated).toMillis()) : null;
        String error = state.equals("failed") ? failure(job, status) : status.lastError();
        return new JobResponse(id, JobType.BULK_UPDATE.typeName(), state, status.percent(), result, error, status.createdAt(), updated, notice(state));
    }

    /** For a job still to run: that it waits for a worker, when no worker runs a job server now (null when unknown). */
    private String notice(String state) {
        if (!List.of("enqueued", "scheduled", "awaiting", "processing").contains(state)) {
            return null;
        }
        try {
            return JobServers.running(storage).isEmpty() ? WorkersHealthCheck.NONE_RUNNING : null;
        } catch (RuntimeException e) {
            return null; // the job storage did not answer just now; the job's own state was read
        }
    }

    private Job job(UUID id) {
        try {
            return storage.getJobById(id);
        } catch (JobNotFoundException e) {
            return null;
        }
    }

    /** A chunk job that gave up (its retries are spent). Only looked for once a chunk has failed. */
    private boolean chunkFailed(BulkUpdateStatus status) {
        if (status.lastError() == null || !status.planned()) {
            return false;
        }
        for (int chunk = 0; chunk < status.chunks(); chunk++) {
            Job job = job(new BulkUpdateChunkJobRequest(status.id(), chunk).jobId());
            if (job != null && job.getState() == StateName.FAILED) {
                return true;
            }
        }
        return false;
    }

    private static String failure(Job job, BulkUpdateStatus status) {
        if (status.lastError() != null) {
            return status.lastError();
        }
        return job == null ? "failed" : "the job failed after its retries; see the worker's log for job " + job.getId();
    }
}
