package dev.inkwell.persistence.cache;

import com.codahale.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Drops entries after writes, and keeps every drop Redis did not take in the ledger
 * ({@link PendingInvalidations}) with the breaker open, until the probe has replayed it: so this
 * process never reads an entry it failed to drop. The ledger and the breaker change together,
 * under the ledger's lock, so no failed drop slips in between a replay and the breaker closing.
 */
final class Invalidations {
    private static final Logger LOG = LoggerFactory.getLogger(Invalidations.class);
    private static final int DEL_BATCH = 1000;

    private final RedisCalls redis;
    private final CircuitBreaker breaker;
    private final PendingInvalidations pending;
    private final String prefix;
    private final Counter invalidations;
    private ScheduledExecutorService probe;

    Invalidations(RedisCalls redis, CircuitBreaker breaker, int maxPending, String prefix, Counter invalidations) {
        this.redis = redis;
        this.breaker = breaker;
        this.pending = new PendingInvalidations(maxPending);
        this.prefix = prefix;
        this.invalidations = invalidations;
    }

    /** Drops {@code keys} (under the namespace), trying Redis even with the breaker open; kept for replay if that fails. */
    void invalidate(Collection<String> keys) {
        if (redis.off() || keys.isEmpty()) {
            return;
        }
        invalidations.inc(keys.size());
        List<String> full = keys.stream().map(k -> prefix + k).toList();
        try {
            unlink(full);
        } catch (RedisCalls.Unavailable e) {
            keepForReplay(ledger -> ledger.add(full), full.size() + " keys");
        }
    }

    /** Drops every entry of the namespace: the probe clears it before this process reads Redis again. */
    void invalidateAll() {
        if (!redis.off()) {
            keepForReplay(PendingInvalidations::addEverything, "every key");
        }
    }

    /** Writes what Redis still has to drop into the ledger and opens the breaker, together (the probe closes it under the same lock). */
    private void keepForReplay(Consumer<PendingInvalidations> failed, String what) {
        boolean opened;
        synchronized (pending) {
            failed.accept(pending);
            opened = breaker.open();
        }
        if (opened) {
            redis.dropIdleConnections();
            LOG.warn("Redis cache: {} still to invalidate; reading PostgreSQL only until Redis has dropped them", what);
        }
    }

    /** UNLINK: the keys are gone at once, their memory (a family of pages: megabytes) freed in the background. */
    private void unlink(List<String> fullKeys) {
        for (int from = 0; from < fullKeys.size(); from += DEL_BATCH) {
            String[] batch = fullKeys.subList(from, Math.min(fullKeys.size(), from + DEL_BATCH)).toArray(String[]::new);
            redis.callEvenIfOpen(r -> r.unlink(batch));
        }
    }

    /**
     * Every key of this namespace, in slices. SCAN walks the whole Redis database (MATCH filters
     * after the walk), so this is the last resort after more failed invalidations than we keep.
     */
    private void unlinkNamespace() {
        ScanParams match = new ScanParams().match(prefix + "*").count(DEL_BATCH);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            String from = cursor;
            ScanResult<String> slice = redis.callEvenIfOpen(r -> r.scan(from, match));
            if (!slice.getResult().isEmpty()) {
                redis.callEvenIfOpen(r -> r.unlink(slice.getResult().toArray(String[]::new)));
            }
            cursor = slice.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    /**
     * The probe: while the breaker is open, ping; when Redis answers, replay the ledger (outside
     * the lock, so writes are not held up), and close the breaker if nothing new failed meanwhile.
     */
    void probe() {
        if (redis.off() || !breaker.isOpen()) {
            return;
        }
        try {
            if (redis.answers() && replay(true)) {
                LOG.info("Redis cache: Redis answers again; breaker closed");
            }
        } catch (RedisCalls.Unavailable e) {
            // Still down; the next probe tries again.
        } catch (RuntimeException | Error e) {
            // Never let the schedule die: it is what closes the breaker.
            LOG.error("Redis cache: probe failed unexpectedly", e);
        }
    }

    /**
     * Replays the ledger; true when it is empty now, and then (with {@code close}) the breaker is
     * closed under the ledger's lock.
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
            unlinkNamespace();
        } else {
            unlink(owed.keys());
        }
        synchronized (pending) {
            boolean done = pending.replayed(owed);
            if (done && close) {
                breaker.close();
            }
            return done;
        }
    }

    /** Invalidations still owed to Redis. */
    int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Starts the probe, every {@code intervalMillis}. */
    void start(long intervalMillis) {
        if (redis.off()) {
            return;
        }
        probe = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redis-cache-probe");
            t.setDaemon(true);
            return t;
        });
        probe.scheduleWithFixedDelay(this::probe, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops the probe, and replays the ledger once more: else other processes serve what we failed to drop until the TTL. */
    void stop() {
        if (probe != null) {
            probe.shutdownNow();
        }
        if (redis.off() || pendingCount() == 0) {
            return;
        }
        try {
            replay(false);
        } catch (RedisCalls.Unavailable e) {
            LOG.warn("Redis cache: stopping with {} invalidations Redis never got; those entries may be stale until they expire", pendingCount());
        }
    }
}
