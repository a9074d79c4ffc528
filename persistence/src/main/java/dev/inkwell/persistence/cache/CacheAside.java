package dev.inkwell.persistence.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import static dev.inkwell.persistence.cache.FillTokens.utf8;

/**
 * The reads of {@link ReadCache}: a value from Redis when there, else loaded (one load per key at
 * a time, {@link SingleFlight}) and stored under a fill token; and the batch forms a page of
 * posts takes. A Redis that fails or an open breaker only ever sends a read to its loader.
 */
final class CacheAside {
    /** The field of a single entry's value; a family's members are fields named "=" and the member's name. */
    private static final byte[] VALUE = {'v'};
    private static final String MEMBER_FIELD = "=";

    private final RedisCalls redis;
    private final FillTokens tokens;
    private final CacheMetrics metrics;
    private final SingleFlight<Optional<byte[]>> flights;
    private final String prefix;
    private final boolean keepsMembers;

    CacheAside(RedisCalls redis, FillTokens tokens, CacheMetrics metrics, String prefix, CacheFactory config) {
        this.redis = redis;
        this.tokens = tokens;
        this.metrics = metrics;
        this.flights = new SingleFlight<>(config.getLoadWait().toMilliseconds());
        this.prefix = prefix;
        this.keepsMembers = config.getMaxListPages() > 0;
    }

    /** Readers now waiting for a load of someone else's. */
    long loadWaiters() {
        return flights.waiting();
    }

    Optional<byte[]> get(String key, Supplier<Optional<byte[]>> loader) {
        return read(key, null, loader);
    }

    Optional<byte[]> getMember(String key, String member, Supplier<Optional<byte[]>> loader) {
        return keepsMembers ? read(key, member, loader) : bypass(loader);
    }

    /** A single entry's value ({@code member} null: field {@code v}) or a family's member. */
    private Optional<byte[]> read(String key, String member, Supplier<Optional<byte[]>> loader) {
        if (redis.off()) {
            return bypass(loader);
        }
        String full = prefix + key;
        String flight = member == null ? full : full + "\n" + MEMBER_FIELD + member;
        if (!redis.usable()) {
            metrics.bypassed.inc();
            return flights.run(flight, () -> load(loader));
        }
        byte[] k = utf8(full);
        byte[] field = member == null ? VALUE : utf8(MEMBER_FIELD + member);
        try {
            byte[] value = redis.call(r -> r.hget(k, field));
            if (value != null) {
                metrics.hits.inc();
                return Optional.of(value);
            }
        } catch (RedisCalls.Unavailable e) {
            return flights.run(flight, () -> load(loader));
        }
        metrics.misses.inc();
        return flights.run(flight, () -> fetch(k, member == null ? null : field, loader));
    }

    /** One load of a key: Redis again (a load that just ended filled it), else the database under a fill token. */
    private Optional<byte[]> fetch(byte[] k, byte[] member, Supplier<Optional<byte[]>> loader) {
        byte[] token;
        try {
            byte[] value = redis.call(r -> r.hget(k, member == null ? VALUE : member));
            if (value != null) {
                return Optional.of(value);
            }
            token = tokens.take(k);
        } catch (RedisCalls.Unavailable e) {
            return load(loader);
        }
        Optional<byte[]> value = load(loader);
        try {
            if (member != null) {
                if (value.isPresent()) {
                    count(tokens.fillMember(k, token, member, value.get()));
                }
            } else if (value.isEmpty()) {
                tokens.forgetMiss(k, token);
            } else {
                count(tokens.fill(k, token, value.get()));
            }
        } catch (RedisCalls.Unavailable e) {
            // Not stored; the value itself is as fresh as our read.
        }
        return value;
    }

    Map<String, byte[]> peekAll(List<String> keys) {
        Map<String, byte[]> found = new HashMap<>();
        if (!redis.usable() || keys.isEmpty()) {
            return found;
        }
        try {
            List<byte[]> values = redis.pipelined(keys.size(), (p, i) -> p.hget(utf8(prefix + keys.get(i)), VALUE));
            for (int i = 0; i < keys.size(); i++) {
                if (values.get(i) != null) {
                    found.put(keys.get(i), values.get(i));
                }
            }
        } catch (RedisCalls.Unavailable e) {
            return new HashMap<>(); // the caller loads them all
        }
        metrics.hits.inc(found.size());
        return found;
    }

    Map<String, byte[]> loadAll(List<String> keys, Function<List<String>, Map<String, byte[]>> loader) {
        if (keys.isEmpty()) {
            return new HashMap<>();
        }
        if (!redis.usable()) {
            metrics.bypassed.inc(keys.size());
            return loadBatch(keys, loader);
        }
        metrics.misses.inc(keys.size());
        List<byte[]> full = new ArrayList<>(keys.size());
        keys.forEach(key -> full.add(utf8(prefix + key)));
        List<byte[]> taken;
        try {
            taken = tokens.takeAll(full);
        } catch (RedisCalls.Unavailable e) {
            return loadBatch(keys, loader);
        }
        Map<String, byte[]> values = loadBatch(keys, loader);
        try {
            boolean[] stored = tokens.fillAll(keys, full, taken, values);
            for (int i = 0; i < keys.size(); i++) {
                if (values.containsKey(keys.get(i))) {
                    count(stored[i]);
                }
            }
        } catch (RedisCalls.Unavailable e) {
            // Not stored; the values themselves are as fresh as our read.
        }
        return values;
    }

    private void count(boolean stored) {
        (stored ? metrics.fills : metrics.fillsRejected).inc();
    }

    private Optional<byte[]> bypass(Supplier<Optional<byte[]>> loader) {
        metrics.bypassed.inc();
        return load(loader);
    }

    private Optional<byte[]> load(Supplier<Optional<byte[]>> loader) {
        return metrics.timeLoad(loader);
    }

    private Map<String, byte[]> loadBatch(List<String> keys, Function<List<String>, Map<String, byte[]>> loader) {
        return metrics.timeLoad(() -> new HashMap<>(loader.apply(keys)));
    }
}
