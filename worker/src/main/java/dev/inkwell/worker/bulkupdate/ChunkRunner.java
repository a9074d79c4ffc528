package dev.inkwell.worker.bulkupdate;

import dev.inkwell.persistence.post.BulkUpdateDao;
import dev.inkwell.persistence.post.PostWrites;

import java.util.UUID;

/**
 * Applies one chunk of a bulk update through {@link PostWrites#applyChunk} (one transaction, then
 * the cached copies of its posts go), and records why when it fails, for the job's status.
 */
public final class ChunkRunner {
    private final BulkUpdateDao bulkUpdates;
    private final PostWrites posts;

    public ChunkRunner(BulkUpdateDao bulkUpdates, PostWrites posts) {
        this.bulkUpdates = bulkUpdates;
        this.posts = posts;
    }

    public void apply(UUID bulkUpdateId, int chunk) {
        try {
            posts.applyChunk(bulkUpdateId, chunk);
        } catch (RuntimeException e) {
            bulkUpdates.recordError(bulkUpdateId, chunk, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }
}
