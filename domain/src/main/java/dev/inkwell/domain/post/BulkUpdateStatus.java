package dev.inkwell.domain.post;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * How far a bulk update is: {@code chunks} is null until the work has been planned; the counts
 * sum the chunks done so far ({@code tagLimited}: posts that did not get the added tags, as they
 * would have had more than allowed); {@code lastError} is the newest failure of a chunk (it is retried).
 */
public record BulkUpdateStatus(UUID id, long ownerId, Integer chunks, int chunksDone, long matched, long changed,
                               long tagLimited, OffsetDateTime createdAt, OffsetDateTime lastDoneAt, String lastError) {

    public boolean planned() {
        return chunks != null;
    }

    public boolean done() {
        return chunks != null && chunksDone >= chunks;
    }

    /** 0 to 100. */
    public int percent() {
        if (chunks == null) {
            return 0;
        }
        return chunks == 0 ? 100 : (int) (100L * chunksDone / chunks);
    }
}
