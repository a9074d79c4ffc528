package dev.inkwell.persistence.job;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** The contract of the sweep for due scheduled posts; implemented in inkwell-worker (see {@link BulkUpdateJobRequestHandler}). */
public interface PublishDueJobRequestHandler extends JobRequestHandler<PublishDueJobRequest> {
    @Override
    @Job(name = "publish due posts", retries = 2)
    default void run(PublishDueJobRequest request) throws Exception {
        throw new UnsupportedOperationException("due posts are published in inkwell-worker");
    }
}
