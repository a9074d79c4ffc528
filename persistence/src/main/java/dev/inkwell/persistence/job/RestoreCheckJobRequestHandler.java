package dev.inkwell.persistence.job;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** The contract of the restore check job; implemented in inkwell-worker (see {@link BulkUpdateJobRequestHandler}). */
public interface RestoreCheckJobRequestHandler extends JobRequestHandler<RestoreCheckJobRequest> {
    @Override
    @Job(name = "restore check", retries = 0)
    default void run(RestoreCheckJobRequest request) throws Exception {
        throw new UnsupportedOperationException("restore checks run in inkwell-worker");
    }
}
