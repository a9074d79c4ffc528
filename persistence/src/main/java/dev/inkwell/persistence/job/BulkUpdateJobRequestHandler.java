package dev.inkwell.persistence.job;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * The contract of the bulk update job. The api only enqueues it; inkwell-worker's JobActivator
 * supplies the implementation (JobRunr refuses an abstract {@code run}, hence the default).
 */
public interface BulkUpdateJobRequestHandler extends JobRequestHandler<BulkUpdateJobRequest> {
    @Override
    @Job(name = "bulk update", retries = 3)
    default void run(BulkUpdateJobRequest request) throws Exception {
        throw new UnsupportedOperationException("bulk updates run in inkwell-worker");
    }
}
