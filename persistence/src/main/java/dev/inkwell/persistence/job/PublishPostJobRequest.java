package dev.inkwell.persistence.job;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * Publish post {@code postId} if it is due: scheduled by the api for the post's {@code publish_at}
 * ({@link ScheduledPublishing}). The handler reads the post's schedule when it runs, so a job of a
 * moved or cancelled schedule publishes nothing, and a run after the post was published neither.
 */
public record PublishPostJobRequest(long postId) implements JobRequest {
    @Override
    public Class<PublishPostJobRequestHandler> getJobRequestHandler() {
        return PublishPostJobRequestHandler.class;
    }
}
