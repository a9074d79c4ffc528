package dev.inkwell.persistence.job;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** The contract of the backup job; implemented in inkwell-worker (see {@link BulkUpdateJobRequestHandler}). */
public interface BackupJobRequestHandler extends JobRequestHandler<BackupJobRequest> {
    @Override
    @Job(name = "backup", retries = 1)
    default void run(BackupJobRequest request) throws Exception {
        throw new UnsupportedOperationException("backups run in inkwell-worker");
    }
}
