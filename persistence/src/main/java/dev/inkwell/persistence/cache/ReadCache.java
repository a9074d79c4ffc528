package dev.inkwell.persistence.cache;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Cache-aside reads of serialized entities in Redis, the one cache of every Inkwell process.
 * Values are bytes (the JSON a reader is sent), so a hit is one Redis HGET and no database work.
 *
 * <p><b>The fill race is closed by fill tokens.</b> An entry is a Redis hash {@code {t: token,
 * v: value}}. A reader that misses first makes sure the hash holds a token (it stores a new,
 * never reused one if there is none) and only then reads PostgreSQL; it stores what it read only
 * if the hash still holds that same token (one Lua script, atomic). An invalidation, which runs
 * after the writer's transaction has committed, deletes the whole hash, token included. So a
 * reader whose database read may predate a commit (it took its token before that commit's
 * invalidation) can never store its value, and a reader that took its token after the
 * invalidation read after the commit. As tokens are unique, an evicted or expired hash cannot
 * bring an old one back, and an invalidation stays a plain multi-key DEL, cheap for bulk writes.
 *
 * <p><b>No stampede.</b> Concurrent misses on one key in this process share one load
 * ({@link SingleFlight}): at most one load per key runs at a time, and requests that arrive
 * while it runs share the next one, which first looks in Redis again (the running load has
 * usually just filled it). So a request only ever uses a value it read from Redis itself or one
 * loaded after it arrived; that holds with Redis down too.
 *
 * <p><b>Fail-open.</b> Redis calls have short connect and read timeouts and a bounded pool
 * wait; any failure makes the read go to PostgreSQL. {@code failureThreshold} consecutive
 * failures open the {@link CircuitBreaker}: reads make no Redis calls at all, so no request
 * pays a timeout, and a probe pings Redis every {@code probeInterval}. Invalidations always try
 * Redis once, open breaker or not (a write may pay one timeout; a reader elsewhere must not see
 * the old copy). One that fails opens the breaker and is kept ({@link PendingInvalidations});
 * the probe replays it before it closes the breaker, so this process never serves an entry it
 * failed to invalidate. What stays open: another process that reaches Redis while this one
 * cannot may serve such an entry until the replay or the TTL; and a Redis that restores old
 * data (persistence files, replica failover) can bring dropped entries back, so the cache's
 * Redis should keep nothing on disk.
 */
public final class ReadCache implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReadCache.class);
    private static final byte[] VALUE = {'v'};
    private static final byte[] TOKEN = {'t'};
    /** Before a family member's name in its hash's field. */
    private static final String MEMBER = "=";
    /** A token-only hash (a load in progress) lives this long; a fill after that is refused. */
    private static final byte[] TOKEN_TTL = ascii(Long.toString(60_000));
    private static final Long ONE = 1L;
    private static final int DEL_BATCH = 1000;

    private static final byte[] ENSURE_TOKEN = script("""
            local t = redis.call('HGET', KEYS[1], 't')
            if t then return t end
            redis.call('HSET', KEYS[1], 't', ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return ARGV[1]
            """);
    private static final byte[] FILL = script("""
            if redis.call('HGET', KEYS[1], 't') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'v', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """);
    /**
     * A value of a family ({@link #getMember}): stored under our token, and its size added to the
     * family's byte count (field {@code b}). A value larger than the byte budget ({@code ARGV[6]})
     * is not stored; a family that already holds {@code ARGV[4]} values, or would go over the
     * budget, is dropped instead, to start over (the values read since are kept, so the ones in
     * demand come back first). The hash's lifetime starts with its first value (later ones do not
     * prolong it, so no member outlives the first by more than the TTL).
     */
    private static final byte[] FILL_MEMBER = script("""
            if redis.call('HGET', KEYS[1], 't') ~= ARGV[1] then return 0 end
            local size = string.len(ARGV[3])
            if size > tonumber(ARGV[6]) then return 0 end
            local bytes = tonumber(redis.call('HGET', KEYS[1], 'b') or '0')
            local members = redis.call('HLEN', KEYS[1]) - 1
            if bytes > 0 then members = members - 1 end
            if members >= tonumber(ARGV[4]) or bytes + size > tonumber(ARGV[6]) then
              redis.call('UNLINK', KEYS[1])
              return 0
            end
            redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
            redis.call('HINCRBY', KEYS[1], 'b', size)
            if members == 0 and bytes == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
            return 1
            """);
    /** After a load found nothing: drop the entry if it still holds only our token. */
    private static final byte[] FORGET_MISS = script("""
            if redis.call('HGET', KEYS[1], 't') == ARGV[1] and redis.call('HEXISTS', KEYS[1], 'v') == 0 then
              redis.call('DEL', KEYS[1])
            end
            return 0
            """);

    private final RedisClient redis;
    private final String prefix;
    private final byte[] ttlMillis;
    private final int maxMembers;
    private final byte[] maxMemberBytes;
    private final long probeMillis;
    private final CircuitBreaker breaker;
    private final AtomicBoolean refusalLogged = new AtomicBoolean();
    private final PendingInvalidations pending;
    private final SingleFlight<Optional<byte[]>> flights;
    private final String tokenPrefix;
    private final AtomicLong tokens = new AtomicLong();
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final Counter fills;
    private final Counter fillsRejected;
    private final Counter invalidations;
    private final Counter bypassed;
    private final Timer loadTime;
    private ScheduledExecutorService probe;

    /** {@code redis} null: the cache is switched off and every read loads. */
    ReadCache(RedisClient redis, CacheFactory config, MetricRegistry metrics) {
        this.redis = redis;
        this.prefix = config.getNamespace() + ":";
        this.ttlMillis = ascii(Long.toString(config.getTtl().toMilliseconds()));
        this.maxMembers = config.getMaxListPages();
        this.maxMemberBytes = ascii(Long.toString(config.getMaxListPagesSize().toBytes()));
        this.flights = new SingleFlight<>(config.getLoadWait().toMilliseconds());
        this.probeMillis = Math.max(10, config.getProbeInterval().toMilliseconds());
        this.breaker = new CircuitBreaker(config.getFailureThreshold());
        this.pending = new PendingInvalidations(config.getMaxPendingInvalidations());
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        this.tokenPrefix = HexFormat.of().formatHex(random) + ":";
        this.hits = metrics.counter("cache.hits");
        this.misses = metrics.counter("cache.misses");
        this.errors = metrics.counter("cache.errors");
        this.fills = metrics.counter("cache.fills");
        this.fillsRejected = metrics.counter("cache.fills-rejected");
        this.invalidations = metrics.counter("cache.invalidations");
        this.bypassed = metrics.counter("cache.bypassed");
        this.loadTime = metrics.timer("cache.load");
        metrics.gauge("cache.breaker-open", () -> (Gauge<Integer>) () -> breaker.isOpen() ? 1 : 0);
        metrics.gauge("cache.pending-invalidations", () -> (Gauge<Integer>) this::pendingCount);
        metrics.gauge("cache.load-waiters", () -> (Gauge<Long>) flights::waiting);
        if (redis != null) {
            metrics.gauge("cache.pool.active", () -> (Gauge<Integer>) () -> redis.getPool().getNumActive());
            metrics.gauge("cache.pool.idle", () -> (Gauge<Integer>) () -> redis.getPool().getNumIdle());
            metrics.gauge("cache.pool.waiting", () -> (Gauge<Integer>) () -> redis.getPool().getNumWaiters());
            metrics.gauge("cache.pool.max", () -> (Gauge<Integer>) () -> redis.getPool().getMaxTotal());
        }
    }

    /**
     * The value of {@code key} ({@code kind:id}, under this deployment's namespace): from Redis
     * when there, else from {@code loader} (stored for the next reader unless a write got in
     * between). Never fails because of Redis; the loader's own exceptions pass through.
     */
    public Optional<byte[]> get(String key, Supplier<Optional<byte[]>> loader) {
        return read(key, null, loader);
    }

    /**
     * One value of a family kept together in the hash {@code key} (as its field {@code member}),
     * which one invalidation of {@code key} drops all at once: the pages of post lists, which any
     * post write may change. Read as {@link #get} reads: from Redis when there, else loaded and
     * stored only if no invalidation of {@code key} came after the load's token (the family
     * shares the hash's one token). At most {@code cache.maxListPages} values of together at most
     * {@code cache.maxListPagesSize} are kept: a value loaded into a full family drops the family
     * (as an invalidation would), so a flood of rare requests cannot keep the common ones out for
     * long; a value larger than the whole budget is never stored. An empty load stores nothing.
     * In the hash a member's field is its name after "=" (so no name meets the hash's own fields,
     * {@code t} and {@code b}).
     */
    public Optional<byte[]> getMember(String key, String member, Supplier<Optional<byte[]>> loader) {
        return read(key, ascii(MEMBER + member), loader);
    }

    /** A plain entry's value ({@code member} null: field {@code v}) or a family's member. */
    private Optional<byte[]> read(String key, byte[] member, Supplier<Optional<byte[]>> loader) {
        if (redis == null || (member != null && maxMembers == 0)) {
            bypassed.inc();
            return load(loader);
        }
        String full = prefix + key;
        String flight = member == null ? full : full + "\n" + new String(member, StandardCharsets.UTF_8);
        if (breaker.isOpen()) {
            bypassed.inc();
            return flights.run(flight, () -> load(loader));
        }
        byte[] k = ascii(full);
        byte[] field = member == null ? VALUE : member;
        try {
            byte[] value = hit(k, field);
            if (value != null) {
                return Optional.of(value);
            }
        } catch (Unavailable e) {
            return flights.run(flight, () -> load(loader));
        }
        misses.inc();
        return flights.run(flight, () -> fetch(k, member, loader));
    }

    /**
     * The values Redis holds of {@code keys}, in one round trip (a pipeline), without loading:
     * the keys found, each counted as a hit; empty with the cache off, the breaker open or Redis
     * failing. The caller loads the rest with {@link #loadAll}.
     */
    public Map<String, byte[]> peekAll(List<String> keys) {
        Map<String, byte[]> found = new HashMap<>();
        if (redis == null || breaker.isOpen() || keys.isEmpty()) {
            return found;
        }
        try {
            List<byte[]> values = call(() -> pipelined(keys.size(), (p, i) -> p.hget(ascii(prefix + keys.get(i)), VALUE)));
            for (int i = 0; i < keys.size(); i++) {
                if (values.get(i) != null) {
                    found.put(keys.get(i), values.get(i));
                }
            }
        } catch (Unavailable e) {
            return new HashMap<>(); // the caller loads them all
        }
        hits.inc(found.size());
        return found;
    }

    /**
     * Loads {@code keys} with one call of {@code loader} (a batch: one statement for a page's
     * misses) and stores what it returns under fill tokens, as {@link #get} does, in two more
     * round trips: so the batch's values obey the same rule, never stored if a write's
     * invalidation came after the token. Keys the loader has no value for are left out, and
     * leave no entry. Unlike {@link #get} it does not wait for loads of the same keys running
     * in this process (a page's misses are read in the page's own statement either way). Without
     * Redis it just loads.
     */
    public Map<String, byte[]> loadAll(List<String> keys, Function<List<String>, Map<String, byte[]>> loader) {
        if (keys.isEmpty()) {
            return new HashMap<>();
        }
        if (redis == null || breaker.isOpen()) {
            bypassed.inc(keys.size());
            return loadBatch(keys, loader);
        }
        misses.inc(keys.size());
        List<byte[]> tokens;
        try {
            tokens = call(() -> pipelined(keys.size(), (p, i) -> p.eval(ENSURE_TOKEN, List.of(ascii(prefix + keys.get(i))),
                    List.of(ascii(tokenPrefix + this.tokens.incrementAndGet()), TOKEN_TTL))));
        } catch (Unavailable e) {
            return loadBatch(keys, loader);
        }
        Map<String, byte[]> values = loadBatch(keys, loader);
        try {
            List<Object> stored = call(() -> pipelined(keys.size(), (p, i) -> {
                byte[] k = ascii(prefix + keys.get(i));
                byte[] value = values.get(keys.get(i));
                return value == null
                        ? p.eval(FORGET_MISS, List.of(k), List.of(tokens.get(i)))
                        : p.eval(FILL, List.of(k), List.of(tokens.get(i), value, ttlMillis));
            }));
            for (int i = 0; i < keys.size(); i++) {
                if (values.containsKey(keys.get(i))) {
                    (ONE.equals(stored.get(i)) ? fills : fillsRejected).inc();
                }
            }
        } catch (Unavailable e) {
            // Not stored; the values themselves are as fresh as our read.
        }
        return values;
    }

    /** {@code count} commands in one pipeline (one round trip); their answers in order. */
    private <T> List<T> pipelined(int count, BiFunction<Pipeline, Integer, Response<?>> command) {
        try (Pipeline p = redis.pipelined()) {
            List<Response<?>> answers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                answers.add(command.apply(p, i));
            }
            p.sync();
            @SuppressWarnings("unchecked")
            List<T> values = answers.stream().map(r -> (T) r.get()).toList();
            return values;
        }
    }

    private Map<String, byte[]> loadBatch(List<String> keys, Function<List<String>, Map<String, byte[]>> loader) {
        try (Timer.Context ignored = loadTime.time()) {
            return new HashMap<>(loader.apply(keys));
        }
    }

    /** The cached value (a hit, counted) or null. */
    private byte[] hit(byte[] k, byte[] field) {
        byte[] value = call(() -> redis.hget(k, field));
        if (value != null) {
            hits.inc();
        }
        return value;
    }

    /** One load of a key: Redis again (a load that just ended filled it), else the database under a fill token. */
    private Optional<byte[]> fetch(byte[] k, byte[] member, Supplier<Optional<byte[]>> loader) {
        byte[] token;
        try {
            byte[] value = call(() -> redis.hget(k, member == null ? VALUE : member));
            if (value != null) {
                return Optional.of(value);
            }
            byte[] fresh = ascii(tokenPrefix + tokens.incrementAndGet());
            token = call(() -> (byte[]) redis.eval(ENSURE_TOKEN, List.of(k), List.of(fresh, TOKEN_TTL)));
        } catch (Unavailable e) {
            return load(loader);
        }
        Optional<byte[]> value = load(loader);
        try {
            if (member != null) {
                if (value.isPresent()) {
                    boolean stored = call(() -> ONE.equals(redis.eval(FILL_MEMBER, List.of(k),
                            List.of(token, member, value.get(), ascii(Integer.toString(maxMembers)), ttlMillis, maxMemberBytes))));
                    (stored ? fills : fillsRejected).inc();
                }
            } else if (value.isEmpty()) {
                // Nothing to keep: drop the token-only entry, so misses of unknown ids leave no keys.
                call(() -> redis.eval(FORGET_MISS, List.of(k), List.of(token)));
            } else if (call(() -> ONE.equals(redis.eval(FILL, List.of(k), List.of(token, value.get(), ttlMillis))))) {
                fills.inc();
            } else {
                fillsRejected.inc();
            }
        } catch (Unavailable e) {
            // Not stored; the value itself is as fresh as our read.
        }
        return value;
    }

    /**
     * Drops {@code keys}; call it after the transaction that changed them has committed. Always
     * tries Redis, even with the breaker open; if that fails the keys are kept and dropped before
     * this process reads Redis again.
     */
    public void invalidate(Collection<String> keys) {
        if (redis == null || keys.isEmpty()) {
            return;
        }
        invalidations.inc(keys.size());
        List<String> full = keys.stream().map(k -> prefix + k).toList();
        try {
            delete(full);
        } catch (Unavailable e) {
            owe(pending -> pending.add(full), full.size() + " keys");
        }
    }

    /**
     * Drops every entry of this namespace (a write could not tell which entries it made stale):
     * this process reads PostgreSQL only until Redis has been cleared.
     */
    public void invalidateAll() {
        if (redis != null) {
            owe(PendingInvalidations::addEverything, "every key");
        }
    }

    /** Records what Redis still has to drop and opens the breaker, together (the probe closes it under the same lock). */
    private void owe(Consumer<PendingInvalidations> debt, String what) {
        boolean opened;
        synchronized (pending) {
            debt.accept(pending);
            opened = breaker.open();
        }
        if (opened) {
            dropIdleConnections();
            LOG.warn("Redis cache: {} still to invalidate; reading PostgreSQL only until Redis has dropped them", what);
        }
    }

    /** UNLINK: the keys are gone at once, their memory (a family of pages: megabytes) freed in the background. */
    private void delete(List<String> fullKeys) {
        for (int from = 0; from < fullKeys.size(); from += DEL_BATCH) {
            String[] batch = fullKeys.subList(from, Math.min(fullKeys.size(), from + DEL_BATCH)).toArray(String[]::new);
            force(() -> redis.unlink(batch));
        }
    }

    /**
     * Every key of this namespace, in slices. SCAN walks the whole Redis database (MATCH filters
     * after the walk), so this is the last resort after more failed invalidations than we keep.
     */
    private void deleteNamespace() {
        ScanParams match = new ScanParams().match(prefix + "*").count(DEL_BATCH);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            String from = cursor;
            ScanResult<String> slice = force(() -> redis.scan(from, match));
            if (!slice.getResult().isEmpty()) {
                force(() -> redis.unlink(slice.getResult().toArray(String[]::new)));
            }
            cursor = slice.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    /**
     * The probe: while the breaker is open, ping; when Redis answers, replay what we owe (outside
     * the lock, so writes are not held up), and close the breaker if nothing new failed meanwhile.
     */
    void probe() {
        if (redis == null || !breaker.isOpen()) {
            return;
        }
        try {
            try {
                redis.ping();
            } catch (RuntimeException down) {
                return; // still down (not counted as an error: nobody called for it); next probe
            }
            if (replay(true)) {
                LOG.info("Redis cache: Redis answers again; breaker closed");
            }
        } catch (Unavailable e) {
            // Still down; the next probe tries again.
        } catch (RuntimeException | Error e) {
            // Never let the schedule die: it is what closes the breaker.
            LOG.error("Redis cache: probe failed unexpectedly", e);
        }
    }

    /**
     * Replays what we owe; true when nothing is owed any more, and then (with {@code close})
     * the breaker is closed under the same lock, so no failed invalidation slips in between.
     */
    private boolean replay(boolean close) {
        PendingInvalidations.Snapshot owed;
        synchronized (pending) {
            owed = pending.isEmpty() ? null : pending.snapshot();
            if (owed == null && close) {
                breaker.close();
            }
        }
        if (owed == null) {
            return true;
        }
        if (owed.everything()) {
            deleteNamespace();
        } else {
            delete(owed.keys());
        }
        synchronized (pending) {
            boolean done = pending.replayed(owed);
            if (done && close) {
                breaker.close();
            }
            return done;
        }
    }

    /** After a Redis restart every pooled connection is dead: drop the idle ones at once. */
    private void dropIdleConnections() {
        try {
            redis.getPool().clear();
        } catch (RuntimeException e) {
            // Closing dead connections may fail; they are gone either way.
        }
    }

    private Optional<byte[]> load(Supplier<Optional<byte[]>> loader) {
        try (Timer.Context ignored = loadTime.time()) {
            return loader.get();
        }
    }

    /**
     * Runs one Redis call, feeding the breaker; any failure becomes {@link Unavailable}. With the
     * breaker open it does not call Redis at all.
     */
    private <T> T call(Supplier<T> op) {
        if (breaker.isOpen()) {
            throw new Unavailable();
        }
        return force(op);
    }

    /** {@link #call} even with the breaker open: the probe and invalidations. */
    private <T> T force(Supplier<T> op) {
        try {
            T result = op.get();
            breaker.success();
            return result;
        } catch (RuntimeException e) {
            errors.inc();
            if (breaker.failure() && breaker.open()) {
                dropIdleConnections();
                LOG.warn("Redis cache: breaker open after consecutive failures, reading PostgreSQL only: {}", e.toString());
            }
            throw new Unavailable();
        }
    }

    /**
     * Runs {@code op} on this cache's Redis under its breaker and timeouts, for other data the
     * deployment keeps in the same Redis (the API's rate-limit counters, under {@link #prefix()}):
     * empty with the cache off, the breaker open, or the call failing (a failure counts toward
     * opening the breaker, as a read's does). So a dead Redis costs no timeout here either. An
     * error Redis answers (a script it refuses: an old version, an ACL) is empty too but is no
     * outage: it must not open the breaker and turn the read cache off with it.
     */
    public <T> Optional<T> onRedis(Function<RedisClient, T> op) {
        if (redis == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(call(() -> {
                try {
                    return op.apply(redis);
                } catch (JedisDataException refused) {
                    if (!refusalLogged.getAndSet(true)) {
                        LOG.warn("Redis refused a call that is not a cache read (logged once): {}", refused.getMessage());
                    }
                    return null;
                }
            }));
        } catch (Unavailable e) {
            return Optional.empty();
        }
    }

    /** The first part of every key of this deployment ({@code cache.namespace} and ":"). */
    public String prefix() {
        return prefix;
    }

    /** What operators see (admin endpoint, health check). {@code redisKeys} is null when unknown. */
    public CacheStats stats() {
        Long keys = null;
        if (redis != null && !breaker.isOpen()) {
            try {
                keys = call(redis::dbSize);
            } catch (Unavailable e) {
                // Unknown.
            }
        }
        return new CacheStats(state(), breaker.openedAt(), hits.getCount(), misses.getCount(), errors.getCount(),
                fills.getCount(), fillsRejected.getCount(), invalidations.getCount(), bypassed.getCount(),
                pendingCount(), keys,
                redis == null ? null : new CacheStats.Pool(redis.getPool().getNumActive(), redis.getPool().getNumIdle(),
                        redis.getPool().getNumWaiters(), redis.getPool().getMaxTotal()));
    }

    /** "disabled", "closed" (using Redis) or "open" (reading PostgreSQL only). */
    public String state() {
        return redis == null ? "disabled" : breaker.isOpen() ? "open" : "closed";
    }

    /** Pings Redis (unless the breaker is open); false when it does not answer. */
    boolean ping() {
        if (redis == null || breaker.isOpen()) {
            return false;
        }
        try {
            call(redis::ping);
            return true;
        } catch (Unavailable e) {
            return false;
        }
    }

    private boolean pendingEmpty() {
        synchronized (pending) {
            return pending.isEmpty();
        }
    }

    /** Invalidations still owed to Redis. */
    int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    @Override
    public void start() {
        if (redis != null) {
            probe = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "redis-cache-probe");
                t.setDaemon(true);
                return t;
            });
            probe.scheduleWithFixedDelay(this::probe, probeMillis, probeMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        if (probe != null) {
            probe.shutdownNow();
        }
        if (redis != null && !pendingEmpty()) {
            // One last try, or other processes serve what we failed to drop until the TTL.
            try {
                replay(false);
            } catch (Unavailable e) {
                LOG.warn("Redis cache: stopping with {} invalidations Redis never got; those entries may be stale until they expire", pendingCount());
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] script(String lua) {
        return ascii(lua);
    }

    /** Redis did not answer (or the breaker is open); the caller falls back to PostgreSQL. */
    private static final class Unavailable extends RuntimeException {
        Unavailable() {
            super(null, null, false, false);
        }
    }
}
