package dev.inkwell.persistence.cache;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p><b>No stampede.</b> Concurrent misses on one key in this process share one load. The
 * others wait for it (at most {@code loadWait}) and then check that its token is still in
 * place, which proves that no invalidation happened since its database read began; if it is
 * gone they read the database themselves.
 *
 * <p><b>Fail-open.</b> Redis calls have short connect and read timeouts and a bounded pool
 * wait; any failure makes the read go to PostgreSQL. {@code failureThreshold} consecutive
 * failures open the {@link CircuitBreaker}: no Redis calls at all, so no request pays a
 * timeout, and a probe pings Redis every {@code probeInterval}. A failed invalidation opens
 * the breaker at once and is kept ({@link PendingInvalidations}); the probe replays it before
 * it closes the breaker, so this process never serves an entry it failed to invalidate.
 */
public final class ReadCache implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReadCache.class);
    private static final byte[] VALUE = {'v'};
    private static final byte[] TOKEN = {'t'};
    /** A token-only hash (a miss, maybe of an id that does not exist) lives this long. */
    private static final long TOKEN_TTL_MILLIS = 60_000;
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
    private static final byte[] HOLDS_TOKEN = script("""
            if redis.call('HGET', KEYS[1], 't') == ARGV[1] then return 1 end
            return 0
            """);

    private final RedisClient redis;
    private final String prefix;
    private final byte[] ttlMillis;
    private final long loadWaitMillis;
    private final long probeMillis;
    private final CircuitBreaker breaker;
    private final PendingInvalidations pending;
    private final ConcurrentHashMap<String, CompletableFuture<Loaded>> loads = new ConcurrentHashMap<>();
    private final String tokenPrefix;
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();
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
        this.loadWaitMillis = config.getLoadWait().toMilliseconds();
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
        metrics.gauge("cache.load-waiters", () -> (Gauge<Long>) waiting::get);
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
        if (redis == null || breaker.isOpen()) {
            bypassed.inc();
            return load(loader);
        }
        String full = prefix + key;
        byte[] k = ascii(full);
        try {
            byte[] value = call(() -> redis.hget(k, VALUE));
            if (value != null) {
                hits.inc();
                return Optional.of(value);
            }
        } catch (Unavailable e) {
            return load(loader);
        }
        misses.inc();
        CompletableFuture<Loaded> mine = new CompletableFuture<>();
        CompletableFuture<Loaded> running = loads.putIfAbsent(full, mine);
        if (running != null) {
            return follow(k, running, loader);
        }
        try {
            Loaded loaded = lead(k, loader);
            mine.complete(loaded);
            return loaded.value();
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            // After the fill: a miss that comes later finds the value (see lead's re-check).
            loads.remove(full, mine);
        }
    }

    /** The one load of a key in this process; the token it read under, null if unproven. */
    private Loaded lead(byte[] k, Supplier<Optional<byte[]>> loader) {
        byte[] token;
        try {
            // A load that finished between our miss and our turn has filled it.
            List<byte[]> valueAndToken = call(() -> redis.hmget(k, VALUE, TOKEN));
            if (valueAndToken.get(0) != null) {
                return new Loaded(Optional.of(valueAndToken.get(0)), valueAndToken.get(1));
            }
            byte[] fresh = ascii(tokenPrefix + tokens.incrementAndGet());
            token = (byte[]) call(() -> redis.eval(ENSURE_TOKEN, List.of(k), List.of(fresh, ascii(Long.toString(TOKEN_TTL_MILLIS)))));
        } catch (Unavailable e) {
            return new Loaded(load(loader), null);
        }
        Optional<byte[]> value = load(loader);
        if (value.isEmpty()) {
            return new Loaded(value, token);
        }
        try {
            Long stored = call(() -> (Long) redis.eval(FILL, List.of(k), List.of(token, value.get(), ttlMillis)));
            if (stored == 1L) {
                fills.inc();
                return new Loaded(value, token);
            }
            fillsRejected.inc();
        } catch (Unavailable e) {
            // Not stored; the value itself is as fresh as our read.
        }
        return new Loaded(value, null);
    }

    /** Waits for the load in flight; uses it if its token proves no write came in between. */
    private Optional<byte[]> follow(byte[] k, CompletableFuture<Loaded> running, Supplier<Optional<byte[]>> loader) {
        Loaded loaded;
        waiting.incrementAndGet();
        try {
            loaded = running.get(loadWaitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return load(loader);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return load(loader);
        } catch (ExecutionException e) {
            // The load this request joined failed (e.g. the database is down): so does this one.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            waiting.decrementAndGet();
        }
        if (loaded.token() != null) {
            try {
                Long holds = call(() -> (Long) redis.eval(HOLDS_TOKEN, List.of(k), List.of(loaded.token())));
                if (holds == 1L) {
                    return loaded.value();
                }
            } catch (Unavailable e) {
                // Unproven: read ourselves.
            }
        }
        return load(loader);
    }

    /**
     * Drops {@code keys}; call it after the transaction that changed them has committed. If
     * Redis cannot be reached they are kept and dropped before this process reads Redis again.
     */
    public void invalidate(Collection<String> keys) {
        if (redis == null || keys.isEmpty()) {
            return;
        }
        invalidations.inc(keys.size());
        List<String> full = keys.stream().map(k -> prefix + k).toList();
        synchronized (pending) {
            if (breaker.isOpen()) {
                pending.add(full);
                return;
            }
        }
        try {
            delete(full);
        } catch (Unavailable e) {
            synchronized (pending) {
                pending.add(full);
                if (breaker.open()) {
                    LOG.warn("Redis cache: an invalidation failed; reading PostgreSQL until Redis answers and {} keys are dropped", full.size());
                }
            }
        }
    }

    private void delete(List<String> fullKeys) {
        for (int from = 0; from < fullKeys.size(); from += DEL_BATCH) {
            String[] batch = fullKeys.subList(from, Math.min(fullKeys.size(), from + DEL_BATCH)).toArray(String[]::new);
            call(() -> redis.del(batch));
        }
    }

    /** Every key of this namespace, in slices (after more failed invalidations than we could keep). */
    private void deleteNamespace() {
        ScanParams match = new ScanParams().match(prefix + "*").count(DEL_BATCH);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            String from = cursor;
            ScanResult<String> slice = call(() -> redis.scan(from, match));
            if (!slice.getResult().isEmpty()) {
                call(() -> redis.unlink(slice.getResult().toArray(String[]::new)));
            }
            cursor = slice.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    /** The probe: while the breaker is open, ping; when Redis answers, replay what we owe, then close. */
    void probe() {
        if (redis == null || !breaker.isOpen()) {
            return;
        }
        synchronized (pending) {
            try {
                call(redis::ping);
                if (pending.everything()) {
                    deleteNamespace();
                } else {
                    delete(pending.keys());
                }
                pending.clear();
                breaker.close();
                LOG.info("Redis cache: Redis answers again; breaker closed");
            } catch (Unavailable e) {
                // Still down; the next probe tries again.
            }
        }
    }

    private Optional<byte[]> load(Supplier<Optional<byte[]>> loader) {
        try (Timer.Context ignored = loadTime.time()) {
            return loader.get();
        }
    }

    /** Runs one Redis call, feeding the breaker; any failure becomes {@link Unavailable}. */
    private <T> T call(Supplier<T> op) {
        try {
            T result = op.get();
            breaker.success();
            return result;
        } catch (RuntimeException e) {
            errors.inc();
            if (breaker.failure()) {
                LOG.warn("Redis cache: breaker open after consecutive failures, reading PostgreSQL only: {}", e.toString());
            }
            throw new Unavailable();
        }
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

    private int pendingCount() {
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

    /** A value loaded once for concurrent misses, and the fill token it was read under. */
    private record Loaded(Optional<byte[]> value, byte[] token) {
    }

    /** Redis did not answer (or the breaker is open); the caller falls back to PostgreSQL. */
    private static final class Unavailable extends RuntimeException {
        Unavailable() {
            super(null, null, false, false);
        }
    }
}
