package dev.inkwell.persistence.cache;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Invalidations a write promised before it committed, kept in Redis until it has made them: so
 * that when the process dies between its commit and its invalidation (a worker killed), another
 * process makes them. The ledger ({@link PendingInvalidations}) keeps what Redis did not take, but
 * in this process's memory, gone with it; a promise lives in Redis next to the entries it is
 * about, so what loses one (a flushed or restarted Redis) loses the other too. A promise is a
 * member of one sorted set, scored by when it was made (by this host's clock): its keys, after an
 * id of its own (two promises of the same keys are two members), apart by spaces, which no key of
 * the cache holds. A replay takes only promises older than any live writer keeps one (and than
 * the skew between hosts' clocks): one replayed and forgotten before its write committed would be
 * missing should the writer die after the commit. Redis unreachable, nothing is promised: the
 * write's own invalidation then fails too, into the ledger, as every write's does.
 */
final class PromisedInvalidations {
    private static final String SET = "invalidations:promised";

    private final RedisCalls redis;
    private final Invalidations invalidations;
    private final String set;

    PromisedInvalidations(RedisCalls redis, Invalidations invalidations, String prefix) {
        this.redis = redis;
        this.invalidations = invalidations;
        this.set = prefix + SET;
    }

    /**
     * Records that {@code keys} are to be dropped; the promise, or null when Redis did not take it.
     * Tried with the breaker open too, as an invalidation is: other processes may be reading Redis.
     */
    String promise(Collection<String> keys) {
        if (redis.off()) {
            return null;
        }
        String promise = UUID.randomUUID() + " " + String.join(" ", keys);
        try {
            redis.callEvenIfOpen(r -> r.zadd(set, System.currentTimeMillis(), promise));
            return promise;
        } catch (RedisCalls.Unavailable e) {
            return null;
        }
    }

    /**
     * After the promise's keys were dropped: forgets it. A drop that failed opened the breaker, and
     * with it open nothing is forgotten: the ledger and the promise both keep the keys.
     */
    void forget(String promise) {
        redis.onRedis(r -> r.zrem(set, promise));
    }

    /** Makes the promises made before {@code madeBefore} (epoch millis), whoever made them; how many there were. */
    int replay(long madeBefore) {
        List<String> owed = redis.onRedis(r -> r.zrangeByScore(set, Double.NEGATIVE_INFINITY, madeBefore)).orElse(List.of());
        if (owed.isEmpty()) {
            return 0;
        }
        Set<String> keys = new LinkedHashSet<>();
        owed.forEach(promise -> keys.addAll(keysOf(promise)));
        invalidations.invalidate(keys);
        redis.onRedis(r -> r.zrem(set, owed.toArray(String[]::new)));
        return owed.size();
    }

    private static List<String> keysOf(String promise) {
        List<String> parts = List.of(promise.split(" "));
        return parts.subList(1, parts.size());
    }
}
