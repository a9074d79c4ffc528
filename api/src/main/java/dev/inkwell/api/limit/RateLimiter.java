package dev.inkwell.api.limit;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import dev.inkwell.persistence.problem.Problems;
import dev.inkwell.persistence.cache.ReadCache;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * One named limit of {@code rateLimits}: token buckets per client (an address, or an account),
 * shared by every instance through Redis ({@link RedisBuckets}), and counted by this instance
 * alone ({@link TokenBuckets}) while Redis cannot be asked. Clients then get up to one limit per
 * instance: the price of never failing a request because Redis is down. Metrics:
 * {@code rate-limits.<name>.refused} (answers 429) and {@code .local} (counted without Redis).
 */
public final class RateLimiter {
    private static final int MAX_LOCAL_CLIENTS = 100_000;

    private final RedisBuckets shared;
    private final TokenBuckets local;
    private final Meter refused;
    private final Counter counted;

    /** {@code cache} null: this instance only. */
    RateLimiter(String name, RateLimit limit, ReadCache cache, MetricRegistry metrics) {
        this.shared = cache == null ? null : new RedisBuckets(cache, name, limit);
        this.local = new TokenBuckets(limit, MAX_LOCAL_CLIENTS, System::nanoTime);
        this.refused = metrics.meter(MetricRegistry.name("rate-limits", name, "refused")); // a meter: a counter in Prometheus
        this.counted = metrics.counter(MetricRegistry.name("rate-limits", name, "local"));
    }

    /** Takes one token of {@code client}: 0 if allowed, else the seconds to wait (a Retry-After). */
    public long acquire(String client) {
        return refusedIfPositive(take(client, 1));
    }

    /**
     * For a limit of failures (wrong passwords of an account): takes {@code client}'s token before
     * the {@code attempt} and gives it back if the attempt succeeds (or throws), so only failures
     * count. Taking first, not looking first, is what bounds attempts made at once: they cannot all
     * see the last token. An empty bucket throws the 429 {@link #refusal} without attempting.
     */
    public boolean attempt(String client, String tooMany, BooleanSupplier attempt) {
        long wait = acquire(client);
        if (wait > 0) {
            throw new WebApplicationException(refusal(tooMany, wait));
        }
        boolean failed = false;
        try {
            failed = !attempt.getAsBoolean();
            return !failed;
        } finally {
            if (!failed) {
                release(client);
            }
        }
    }

    private long refusedIfPositive(long wait) {
        if (wait > 0) {
            refused.mark();
        }
        return wait;
    }

    /** Gives back a token taken for a request that turned out not to count. */
    public void release(String client) {
        take(client, -1);
    }

    private long take(String client, int cost) {
        OptionalLong millis = shared == null ? OptionalLong.empty() : shared.take(client, cost);
        if (millis.isEmpty()) {
            counted.inc();
            return local.take(client, cost);
        }
        return millis.getAsLong() <= 0 ? 0 : Math.max(1, (millis.getAsLong() + 999) / 1000);
    }

    /** The answer to a client over a limit: 429 problem+json with {@code Retry-After}. */
    public static Response refusal(long seconds) {
        return refusal("Too many requests", seconds);
    }

    /** The same, saying what there were too many of (e.g. "Too many failed sign-ins for this account"). */
    public static Response refusal(String tooMany, long seconds) {
        return Problems.retryAfter(Problems.Kind.RATE_LIMITED, tooMany + "; retry after " + seconds + " s.", seconds);
    }
}
