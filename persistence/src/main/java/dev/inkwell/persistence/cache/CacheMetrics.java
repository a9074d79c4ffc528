package dev.inkwell.persistence.cache;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The cache's metrics ({@code cache.*}: what reads and invalidations did, load times, and gauges
 * of the breaker, the ledger, waiting readers and the pool) and the {@link CacheStats} operators
 * read. The counters are the other parts' to count with; this class only names and reports them.
 */
final class CacheMetrics {
    final Counter hits;
    final Counter misses;
    final Counter errors;
    final Counter fills;
    final Counter fillsRejected;
    final Counter invalidations;
    final Counter bypassed;
    private final Timer loadTime;
    private final MetricRegistry registry;

    CacheMetrics(MetricRegistry registry) {
        this.registry = registry;
        this.hits = registry.counter("cache.hits");
        this.misses = registry.counter("cache.misses");
        this.errors = registry.counter("cache.errors");
        this.fills = registry.counter("cache.fills");
        this.fillsRejected = registry.counter("cache.fills-rejected");
        this.invalidations = registry.counter("cache.invalidations");
        this.bypassed = registry.counter("cache.bypassed");
        this.loadTime = registry.timer("cache.load");
    }

    /** Registers the gauges of the parts that keep state: the breaker, the ledger, the readers waiting for a load, the pool. */
    void watch(CircuitBreaker breaker, IntSupplier pendingInvalidations, LongSupplier loadWaiters, RedisCalls redis) {
        registry.gauge("cache.breaker-open", () -> (Gauge<Integer>) () -> breaker.isOpen() ? 1 : 0);
        registry.gauge("cache.pending-invalidations", () -> (Gauge<Integer>) pendingInvalidations::getAsInt);
        registry.gauge("cache.load-waiters", () -> (Gauge<Long>) loadWaiters::getAsLong);
        if (!redis.off()) {
            registry.gauge("cache.pool.active", () -> (Gauge<Integer>) () -> redis.pool().active());
            registry.gauge("cache.pool.idle", () -> (Gauge<Integer>) () -> redis.pool().idle());
            registry.gauge("cache.pool.waiting", () -> (Gauge<Integer>) () -> redis.pool().waiting());
            registry.gauge("cache.pool.max", () -> (Gauge<Integer>) () -> redis.pool().max());
        }
    }

    /** Runs a database load, timed as {@code cache.load}. */
    <T> T timeLoad(Supplier<T> load) {
        try (Timer.Context ignored = loadTime.time()) {
            return load.get();
        }
    }

    /** The counters with what the other parts know: {@code redisKeys} asked first, so that its failure is counted. */
    CacheStats stats(Long redisKeys, String state, CircuitBreaker breaker, int pendingInvalidations, CacheStats.Pool pool) {
        return new CacheStats(state, breaker.openedAt(), hits.getCount(), misses.getCount(), errors.getCount(),
                fills.getCount(), fillsRejected.getCount(), invalidations.getCount(), bypassed.getCount(),
                pendingInvalidations, redisKeys, pool);
    }
}
