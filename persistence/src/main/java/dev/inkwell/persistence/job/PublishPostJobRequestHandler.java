package dev.inkwell.persistence.job;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** The contract of a scheduled post's publishing; implemented in inkwell-worker (see {@link BulkUpdateJobRequestHandler}). */
public interface PublishPostJobRequestHandler extends JobRequestHandler<PublishPostJobRequest> {
    @Override
    @Job(name = "publish a scheduled post", retries = 5)
    default void run(PublishPostJobRequest request) throws Exception {
        throw new UnsupportedOperationException("scheduled posts are published in inkwell-worker");
    }
}
