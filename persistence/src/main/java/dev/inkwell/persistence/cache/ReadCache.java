package dev.inkwell.persistence.cache;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.lifecycle.Managed;
import redis.clients.jedis.RedisClient;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The read cache as its users see it: reads that load what Redis does not hold, invalidations
 * after commits, stats for operators, and the managed lifecycle of the parts behind it. Keys are
 * relative to the namespace ({@code post:v1:7}). How the parts keep the cache's invariants (no
 * stale read after a write, no stampede, fail-open) is told on the package's page.
 */
public final class ReadCache implements Managed {
    private final String prefix;
    private final long probeMillis;
    private final CircuitBreaker breaker;
    private final CacheMetrics metrics;
    private final RedisCalls redis;
    private final CacheAside reads;
    private final Invalidations invalidations;
    private final PromisedInvalidations promises;

    /** {@code redis} null: the cache is switched off and every read loads. */
    ReadCache(RedisClient redis, CacheFactory config, MetricRegistry registry) {
        this.prefix = config.getNamespace() + ":";
        this.probeMillis = Math.max(10, config.getProbeInterval().toMilliseconds());
        this.breaker = new CircuitBreaker(config.getFailureThreshold());
        this.metrics = new CacheMetrics(registry);
        this.redis = new RedisCalls(redis, breaker, metrics.errors);
        this.reads = new CacheAside(this.redis, new FillTokens(this.redis, config), metrics, prefix, config);
        this.invalidations = new Invalidations(this.redis, breaker, config.getMaxPendingInvalidations(), prefix,
                metrics.invalidations);
        this.promises = new PromisedInvalidations(this.redis, invalidations, prefix);
        metrics.watch(breaker, invalidations::pendingCount, reads::loadWaiters, this.redis);
    }

    /**
     * The value of {@code key}: from Redis when there, else from {@code loader} (stored for the
     * next reader unless a write got in between). Never fails because of Redis; the loader's own
     * exceptions pass through. An empty load stores nothing.
     */
    public Optional<byte[]> get(String key, Supplier<Optional<byte[]>> loader) {
        return reads.get(key, loader);
    }

    /**
     * One member of a family kept together under {@code key}, which one invalidation of
     * {@code key} drops whole: the pages of a list, which any write of the list's table may
     * change. Read as {@link #get} reads. At most {@code cache.maxListPages} members of together
     * at most {@code cache.maxListPagesSize} are kept: a member loaded into a full family drops the
     * family (as an invalidation would), so a flood of rare requests cannot keep the common ones
     * out for long; a member larger than the whole budget is never kept.
     */
    public Optional<byte[]> getMember(String key, String member, Supplier<Optional<byte[]>> loader) {
        return reads.getMember(key, member, loader);
    }

    /**
     * The values Redis holds of {@code keys}, in one round trip, without loading: the keys found,
     * each counted as a hit; empty with the cache off, the breaker open or Redis failing. The
     * caller loads the rest with {@link #loadAll}.
     */
    public Map<String, byte[]> peekAll(List<String> keys) {
        return reads.peekAll(keys);
    }

    /**
     * Loads {@code keys} with one call of {@code loader} (one statement for a page's misses) and
     * stores what it returns under fill tokens, as {@link #get} does, in two more round trips.
     * Keys the loader has no value for are left out, and leave no entry. Unlike {@link #get} it
     * does not wait for loads of the same keys running in this process (a page's misses are read
     * in the page's own statement either way). Without Redis it just loads.
     */
    public Map<String, byte[]> loadAll(List<String> keys, Function<List<String>, Map<String, byte[]>> loader) {
        return reads.loadAll(keys, loader);
    }

    /**
     * Drops {@code keys}; call it after the transaction that changed them has committed. Always
     * tries Redis, even with the breaker open; if that fails the keys are kept and dropped before
     * this process reads Redis again.
     */
    public void invalidate(Collection<String> keys) {
        invalidations.invalidate(keys);
    }

    /**
     * Before the commit of a write whose invalidation must outlive this process (a job that JobRunr
     * would not run again to redo it): records in Redis that {@code keys} are to be dropped, for
     * {@link #replayPromises} in any process should this one die before
     * {@link #invalidate(Collection, String)}. Null when Redis did not take the promise.
     */
    public String promise(Collection<String> keys) {
        return promises.promise(keys);
    }

    /** After the commit of a write that made {@code promise} (null: none): drops {@code keys}, then forgets the promise. */
    public void invalidate(Collection<String> keys, String promise) {
        invalidations.invalidate(keys);
        if (promise != null) {
            promises.forget(promise);
        }
    }

    /**
     * Makes the promises of every process made more than {@code age} ago (their writers died, or
     * will have forgotten them by now) and returns how many there were. {@code age} must exceed
     * any write's time between its promise and its invalidation, else that write's commit could
     * follow this replay.
     */
    public int replayPromises(Duration age) {
        return promises.replay(System.currentTimeMillis() - age.toMillis());
    }

    /**
     * Drops every entry of this namespace (a write could not tell which entries it made stale):
     * this process reads PostgreSQL only until Redis has been cleared.
     */
    public void invalidateAll() {
        invalidations.invalidateAll();
    }

    /**
     * Runs {@code op} on this cache's Redis under its breaker and timeouts, for other data the
     * deployment keeps there (the API's rate-limit counters, under {@link #prefix()}): empty with
     * the cache off, the breaker open or the call failing, so a dead Redis costs no timeout here
     * either. An error Redis answers is empty too, and does not count toward opening the breaker.
     */
    public <T> Optional<T> onRedis(Function<RedisClient, T> op) {
        return redis.onRedis(op);
    }

    /** The first part of every key of this deployment ({@code cache.namespace} and ":"). */
    public String prefix() {
        return prefix;
    }

    /** What operators see (admin endpoint, health check). {@code redisKeys} is null when unknown. */
    public CacheStats stats() {
        Long keys = redis.keyCount();
        return metrics.stats(keys, state(), breaker, pendingCount(), redis.pool());
    }

    /** "disabled", "closed" (using Redis) or "open" (reading PostgreSQL only). */
    public String state() {
        return redis.off() ? "disabled" : breaker.isOpen() ? "open" : "closed";
    }

    /** Pings Redis (unless the breaker is open); false when it does not answer. */
    boolean ping() {
        return redis.ping();
    }

    /** Invalidations still owed to Redis. */
    int pendingCount() {
        return invalidations.pendingCount();
    }

    @Override
    public void start() {
        invalidations.start(probeMillis);
    }

    @Override
    public void stop() {
        invalidations.stop();
        redis.close();
    }
}
