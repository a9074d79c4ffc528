package dev.inkwell.worker.bulkupdate;

import dev.inkwell.persistence.post.BulkUpdateDao;
import dev.inkwell.persistence.post.PostCache;

import java.util.UUID;

/**
 * Applies one chunk of a bulk update (one transaction) and then drops the cached copies of its
 * posts. A chunk already done is not applied again, but its copies are still dropped: the run
 * that did it may have died between its commit and its invalidation.
 */
public final class ChunkRunner {
    private final BulkUpdateDao bulkUpdates;
    private final PostCache postCache;

    public ChunkRunner(BulkUpdateDao bulkUpdates, PostCache postCache) {
        this.bulkUpdates = bulkUpdates;
        this.postCache = postCache;
    }

    public void apply(UUID bulkUpdateId, int chunk) {
        BulkUpdateDao.ChunkResult result;
        try {
            result = bulkUpdates.applyChunk(bulkUpdateId, chunk);
        } catch (RuntimeException e) {
            bulkUpdates.recordError(bulkUpdateId, chunk, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
        postCache.invalidate(result.postIds());
    }
}
