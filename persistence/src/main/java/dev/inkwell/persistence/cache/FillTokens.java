package dev.inkwell.persistence.cache;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fill-token rule in Redis (see the package's page): a reader takes an entry's token before it
 * reads PostgreSQL, and its value is stored only while the entry still holds that token; each
 * step is one Lua script, so no invalidation can fall between its check and its write. Tokens
 * are this process's random prefix and a counter: never reused, by this process or another.
 */
final class FillTokens {
    /** A token-only hash (a load in progress) lives this long; a fill after that is refused. */
    private static final byte[] TOKEN_TTL = utf8(Long.toString(60_000));
    private static final Long STORED = 1L;

    private static final byte[] TAKE_TOKEN = utf8("""
            local t = redis.call('HGET', KEYS[1], 't')
            if t then return t end
            redis.call('HSET', KEYS[1], 't', ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return ARGV[1]
            """);
    private static final byte[] FILL = utf8("""
            if redis.call('HGET', KEYS[1], 't') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'v', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """);
    /**
     * A member of a family: stored under our token, and its size added to the family's byte count
     * (field {@code b}). A value larger than the byte budget ({@code ARGV[6]}) is not stored; a
     * family that already holds {@code ARGV[4]} members, or would go over the budget, is dropped
     * instead, to start over (the members read since are kept, so the ones in demand come back
     * first). The hash's lifetime starts with its first member (later ones do not prolong it, so
     * no member outlives the first by more than the TTL).
     */
    private static final byte[] FILL_MEMBER = utf8("""
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
    private static final byte[] FORGET_MISS = utf8("""
            if redis.call('HGET', KEYS[1], 't') == ARGV[1] and redis.call('HEXISTS', KEYS[1], 'v') == 0 then
              redis.call('DEL', KEYS[1])
            end
            return 0
            """);

    private final RedisCalls redis;
    private final byte[] ttlMillis;
    private final byte[] maxMembers;
    private final byte[] maxMemberBytes;
    private final String tokenPrefix;
    private final AtomicLong tokens = new AtomicLong();

    FillTokens(RedisCalls redis, CacheFactory config) {
        this.redis = redis;
        this.ttlMillis = utf8(Long.toString(config.getTtl().toMilliseconds()));
        this.maxMembers = utf8(Integer.toString(config.getMaxListPages()));
        this.maxMemberBytes = utf8(Long.toString(config.getMaxListPagesSize().toBytes()));
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        this.tokenPrefix = HexFormat.of().formatHex(random) + ":";
    }

    /** The token {@code key} holds, or a new one it holds from now on (for a token-only entry's short life). */
    byte[] take(byte[] key) {
        byte[] fresh = newToken();
        return redis.call(r -> (byte[]) r.eval(TAKE_TOKEN, List.of(key), List.of(fresh, TOKEN_TTL)));
    }

    /** {@link #take} of each key, in one round trip. */
    List<byte[]> takeAll(List<byte[]> keys) {
        return redis.pipelined(keys.size(), (p, i) -> p.eval(TAKE_TOKEN, List.of(keys.get(i)), List.of(newToken(), TOKEN_TTL)));
    }

    /** Stores {@code value} (for the configured TTL) if {@code key} still holds {@code token}; true when stored. */
    boolean fill(byte[] key, byte[] token, byte[] value) {
        return redis.call(r -> STORED.equals(r.eval(FILL, List.of(key), List.of(token, value, ttlMillis))));
    }

    /** Stores {@code value} as the family's {@code member} (a field name) under {@code token}, within the family's bounds; true when stored. */
    boolean fillMember(byte[] key, byte[] token, byte[] member, byte[] value) {
        return redis.call(r -> STORED.equals(r.eval(FILL_MEMBER, List.of(key),
                List.of(token, member, value, maxMembers, ttlMillis, maxMemberBytes))));
    }

    /** After a load found nothing: leaves no token-only entry behind (misses of unknown ids keep no keys). */
    void forgetMiss(byte[] key, byte[] token) {
        redis.call(r -> r.eval(FORGET_MISS, List.of(key), List.of(token)));
    }

    /**
     * For each key, in one round trip: {@link #fill} of its value, or {@link #forgetMiss} when
     * {@code values} has none; true at the index of each value stored.
     */
    boolean[] fillAll(List<String> names, List<byte[]> keys, List<byte[]> tokens, Map<String, byte[]> values) {
        List<Object> answers = redis.pipelined(keys.size(), (p, i) -> {
            byte[] value = values.get(names.get(i));
            return value == null
                    ? p.eval(FORGET_MISS, List.of(keys.get(i)), List.of(tokens.get(i)))
                    : p.eval(FILL, List.of(keys.get(i)), List.of(tokens.get(i), value, ttlMillis));
        });
        boolean[] stored = new boolean[answers.size()];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = STORED.equals(answers.get(i));
        }
        return stored;
    }

    private byte[] newToken() {
        return utf8(tokenPrefix + tokens.incrementAndGet());
    }

    /** {@code s} as UTF-8, the encoding of every key, field and argument the cache sends. */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
