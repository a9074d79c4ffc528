package dev.inkwell.persistence.job;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * Delete the expired bearer tokens (a recurring job: nothing else removes a token that was never
 * signed out), and the used or expired invitations.
 */
public record TokenPurgeJobRequest() implements JobRequest {
    @Override
    public Class<TokenPurgeJobRequestHandler> getJobRequestHandler() {
        return TokenPurgeJobRequestHandler.class;
    }
}
