package dev.inkwell.persistence.job;

import org.jobrunr.jobs.lambdas.JobRequest;

/** Restore the newest verified backup into a scratch database and compare its rows with the manifest. */
public record RestoreCheckJobRequest(String reason) implements JobRequest {
    @Override
    public Class<RestoreCheckJobRequestHandler> getJobRequestHandler() {
        return RestoreCheckJobRequestHandler.class;
    }
}
