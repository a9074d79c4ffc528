package dev.inkwell.api.limit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per client for one limit, in this process: what an API instance counts on
 * while Redis is unreachable or the cache is off ({@link RedisBuckets} is the same bucket,
 * shared). Memory is bounded: past {@code maxClients} buckets the table starts over, which only
 * ever lets a client through early, never locks one out.
 */
public final class TokenBuckets {
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final RateLimit limit;
    private final int maxClients;
    private final LongSupplier clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(RateLimit limit, int maxClients, LongSupplier nanoClock) {
        this.limit = limit;
        this.maxClients = maxClients;
        this.clock = nanoClock;
    }

    /** Takes one request's token for {@code client}: 0 if allowed, else the seconds to wait. */
    public long acquire(String client) {
        return take(client, 1);
    }

    /**
     * As {@link RateLimiter#take}: {@code cost} 1 takes a token, -1 gives one back; 0 if done,
     * else the seconds until a token would be there.
     */
    long take(String client, int cost) {
        if (buckets.size() > maxClients) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(limit.getBurst(), clock.getAsLong()));
        synchronized (bucket) {
            long now = clock.getAsLong();
            double refill = (now - bucket.updated) * (double) limit.getPerMinute() / NANOS_PER_MINUTE;
            bucket.tokens = Math.min(limit.getBurst(), bucket.tokens + refill);
            bucket.updated = now;
            if (cost > 0 && bucket.tokens < cost) {
                return limit.secondsFor(cost - bucket.tokens);
            }
            bucket.tokens = Math.min(limit.getBurst(), bucket.tokens - cost);
            return 0;
        }
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
