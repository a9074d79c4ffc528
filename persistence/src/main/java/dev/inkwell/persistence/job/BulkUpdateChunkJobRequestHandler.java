package dev.inkwell.persistence.job;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** The contract of a bulk update's chunk job; implemented in inkwell-worker (see {@link BulkUpdateJobRequestHandler}). */
public interface BulkUpdateChunkJobRequestHandler extends JobRequestHandler<BulkUpdateChunkJobRequest> {
    @Override
    @Job(name = "bulk update chunk", retries = 5)
    default void run(BulkUpdateChunkJobRequest request) throws Exception {
        throw new UnsupportedOperationException("bulk updates run in inkwell-worker");
    }
}
