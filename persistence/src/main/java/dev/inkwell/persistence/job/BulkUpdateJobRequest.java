package dev.inkwell.persistence.job;

import org.jobrunr.jobs.lambdas.JobRequest;

import java.util.UUID;

/** Run bulk update {@code bulkUpdateId} (its row in bulk_updates says what): plan it, then apply or fan out its chunks. */
public record BulkUpdateJobRequest(UUID bulkUpdateId) implements JobRequest {
    @Override
    public Class<BulkUpdateJobRequestHandler> getJobRequestHandler() {
        return BulkUpdateJobRequestHandler.class;
    }
}
