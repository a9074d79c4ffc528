package dev.inkwell.persistence.job;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * Publish every post whose {@code publish_at} has come (a recurring sweep): catches a post whose
 * own {@link PublishPostJobRequest} was never stored (the job storage failed after the post was
 * written) or was lost.
 */
public record PublishDueJobRequest() implements JobRequest {
    @Override
    public Class<PublishDueJobRequestHandler> getJobRequestHandler() {
        return PublishDueJobRequestHandler.class;
    }
}
