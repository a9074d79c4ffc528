package dev.inkwell.persistence.job;

import org.jobrunr.jobs.lambdas.JobRequest;

import java.util.UUID;

/** Apply chunk {@code chunk} of bulk update {@code bulkUpdateId} (a share of a large update, for any worker). */
public record BulkUpdateChunkJobRequest(UUID bulkUpdateId, int chunk) implements JobRequest {
    @Override
    public Class<BulkUpdateChunkJobRequestHandler> getJobRequestHandler() {
        return BulkUpdateChunkJobRequestHandler.class;
    }

    /** The chunk's job id: the same for every enqueue, so that planning twice enqueues it once. */
    public UUID jobId() {
        return UUID.nameUUIDFromBytes(("bulk-update-chunk:" + bulkUpdateId + ":" + chunk).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
