package dev.inkwell.persistence.post;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.post.PostCursor;

/**
 * What a relevance cursor names ({@link PostRanking}): the rank of the last row shown and the id
 * range of the block it was ranked in, as its key "rank,low,high".
 */
record RankedBlock(float rank, long low, long high) {
    String key() {
        return rank + "," + low + "," + high;
    }

    /** The block of a cursor's key; a key this server did not issue is invalid input. */
    static RankedBlock of(PostCursor cursor) {
        String[] parts = cursor.key().split(",");
        try {
            if (parts.length == 3) {
                return new RankedBlock(Float.parseFloat(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidException("cursor", "is not a cursor this server issued");
    }
}
