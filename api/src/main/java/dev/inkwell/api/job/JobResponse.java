package dev.inkwell.api.job;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A background job on the wire; {@code result} once it succeeded, {@code error} when a step
 * failed (it may be retried); {@code notice} when the job waits for something, e.g. a worker
 * (null otherwise; added last so that clients reading the older fields are unaffected).
 */
public record JobResponse(UUID id, String type, String state, int progress, Result result, String error,
                          OffsetDateTime createdAt, OffsetDateTime updatedAt, String notice) {

    /**
     * What a bulk update did: posts it matched, posts it changed, posts that did not get the added
     * tags because they would have had more than 20 (their other changes were made), and how long it took.
     */
    public record Result(long matched, long changed, long tagLimited, long durationMs) {
    }
}
