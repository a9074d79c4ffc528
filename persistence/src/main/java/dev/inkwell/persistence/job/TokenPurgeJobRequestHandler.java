package dev.inkwell.persistence.job;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** The contract of the expired-token purge; implemented in inkwell-worker (see {@link BulkUpdateJobRequestHandler}). */
public interface TokenPurgeJobRequestHandler extends JobRequestHandler<TokenPurgeJobRequest> {
    @Override
    @Job(name = "expired token purge", retries = 2)
    default void run(TokenPurgeJobRequest request) throws Exception {
        throw new UnsupportedOperationException("token purges run in inkwell-worker");
    }
}
