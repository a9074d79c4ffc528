package dev.inkwell.persistence.job;

import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of job, read by both sides: the worker's activator finds each type's handler by its
 * contract, and {@code GET /api/jobs/{id}} names a job by its request. A new job type is its
 * contract (a request record, a handler interface and a constant here) and its handler in the
 * worker; nothing else lists job types.
 */
public enum JobType {
    BULK_UPDATE("bulk_update", BulkUpdateJobRequest.class, BulkUpdateJobRequestHandler.class, false),
    BULK_UPDATE_CHUNK("bulk_update_chunk", BulkUpdateChunkJobRequest.class, BulkUpdateChunkJobRequestHandler.class, false),
    BACKUP("backup", BackupJobRequest.class, BackupJobRequestHandler.class, true),
    RESTORE_CHECK("restore_check", RestoreCheckJobRequest.class, RestoreCheckJobRequestHandler.class, true),
    TOKEN_PURGE("token_purge", TokenPurgeJobRequest.class, TokenPurgeJobRequestHandler.class, false),
    PUBLISH_POST("publish_post", PublishPostJobRequest.class, PublishPostJobRequestHandler.class, false),
    PUBLISH_DUE("publish_due", PublishDueJobRequest.class, PublishDueJobRequestHandler.class, false);

    private final String typeName;
    private final Class<? extends JobRequest> request;
    private final Class<? extends JobRequestHandler<?>> handler;
    private final boolean followedByAdmins;

    JobType(String typeName, Class<? extends JobRequest> request, Class<? extends JobRequestHandler<?>> handler,
            boolean followedByAdmins) {
        this.typeName = typeName;
        this.request = request;
        this.handler = handler;
        this.followedByAdmins = followedByAdmins;
    }

    /** The {@code type} of {@code GET /api/jobs/{id}}. */
    public String typeName() {
        return typeName;
    }

    /** The contract the worker implements; JobRunr asks its activator for exactly this class. */
    public Class<? extends JobRequestHandler<?>> handler() {
        return handler;
    }

    /**
     * Admins follow these jobs at {@code GET /api/jobs/{id}} straight from JobRunr's state (the
     * OpenAPI document lists their names); bulk updates have their own state (their row in
     * bulk_updates), a chunk is followed through its update, and a purge is housekeeping, as is
     * publishing scheduled posts (a post's state says whether it was published).
     */
    public boolean followedByAdmins() {
        return followedByAdmins;
    }

    /** The type whose request has this class name (as JobRunr stores a job's one parameter). */
    public static Optional<JobType> ofRequest(String className) {
        return Arrays.stream(values()).filter(t -> t.request.getName().equals(className)).findFirst();
    }
}
