package dev.inkwell.worker.bulkupdate;

import com.codahale.metrics.Meter;
import dev.inkwell.persistence.post.BulkUpdateDao;
import dev.inkwell.persistence.post.PostWrites;

import java.util.UUID;

/**
 * Applies one chunk of a bulk update through {@link PostWrites#applyChunk} (one transaction, then
 * the cached copies of its posts go), and records why when it fails, for the job's status. Chunks
 * applied are counted ({@code bulk-updates.chunks}: {@code inkwell_bulk_update_chunks_total}),
 * whichever job applied them (a bulk update itself, or one of its fanned-out chunk jobs).
 */
public final class ChunkRunner {
    private final BulkUpdateDao bulkUpdates;
    private final PostWrites posts;
    private final Meter applied;

    public ChunkRunner(BulkUpdateDao bulkUpdates, PostWrites posts, Meter applied) {
        this.bulkUpdates = bulkUpdates;
        this.posts = posts;
        this.applied = applied;
    }

    public void apply(UUID bulkUpdateId, int chunk) {
        try {
            posts.applyChunk(bulkUpdateId, chunk);
            applied.mark();
        } catch (RuntimeException e) {
            bulkUpdates.recordError(bulkUpdateId, chunk, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }
}
