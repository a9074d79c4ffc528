package dev.inkwell.persistence.cache;

import java.time.Instant;

/**
 * The cache as operators see it: counters since this process started, the breaker, failed
 * invalidations waiting for Redis, keys in Redis (its DBSIZE; null when unknown) and the pool.
 */
public record CacheStats(String state, Instant openSince, long hits, long misses, long errors, long fills,
                         long fillsRejected, long invalidations, long bypassed, int pendingInvalidations,
                         Long redisKeys, Pool pool) {

    /** Hits among reads that asked Redis; null before the first. */
    public Double hitRatio() {
        long asked = hits + misses;
        return asked == 0 ? null : (double) hits / asked;
    }

    /** The Redis connection pool (from the pool's own counters); null when the cache is off. */
    public record Pool(int active, int idle, int waiting, int max) {
    }
}
