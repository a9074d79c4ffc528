package dev.inkwell.worker.bulkupdate;

import dev.inkwell.persistence.job.BulkUpdateChunkJobRequest;
import dev.inkwell.persistence.job.BulkUpdateChunkJobRequestHandler;

/** One chunk of a fanned-out bulk update. */
public final class BulkUpdateChunkJobHandler implements BulkUpdateChunkJobRequestHandler {
    private final ChunkRunner chunks;

    public BulkUpdateChunkJobHandler(ChunkRunner chunks) {
        this.chunks = chunks;
    }

    @Override
    public void run(BulkUpdateChunkJobRequest request) {
        chunks.apply(request.bulkUpdateId(), request.chunk());
    }
}
