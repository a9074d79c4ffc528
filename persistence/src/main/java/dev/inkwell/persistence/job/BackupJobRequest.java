package dev.inkwell.persistence.job;

import org.jobrunr.jobs.lambdas.JobRequest;

import java.util.UUID;

/**
 * Back up the database: backup {@code backupId} when the api started it (its row exists), or a
 * new one (null: the recurring schedule), unless another backup is running.
 */
public record BackupJobRequest(UUID backupId) implements JobRequest {
    @Override
    public Class<BackupJobRequestHandler> getJobRequestHandler() {
        return BackupJobRequestHandler.class;
    }
}
