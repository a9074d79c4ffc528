package dev.inkwell.api.limit;

import dev.inkwell.persistence.cache.ReadCache;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

/**
 * The token buckets of one limit in the cache's Redis, so that every API instance of a
 * deployment counts against the same buckets. A bucket is a hash {@code {n: tokens, t: updated}}
 * under {@code <namespace>:limit:<name>:<client>}, changed by one Lua script (atomic, one round
 * trip) on Redis's own clock, so instances with skewed clocks still agree (a script that reads
 * TIME and then writes needs Redis 5 or newer). It expires once it would be full again, so idle
 * clients leave no keys. Calls go through the cache's breaker and timeouts: while Redis is
 * unreachable or the cache is off, {@link #take} answers nothing and the caller counts on its own
 * ({@link TokenBuckets}, the same algorithm). A flush of the cache's namespace (its last resort
 * after failed invalidations) empties the buckets too: clients then get in early, never later.
 */
final class RedisBuckets {
    /** ARGV: per minute, burst, cost (1 take, -1 give back). Answers 0 or the milliseconds to wait. */
    private static final byte[] TAKE = """
            local now = redis.call('TIME')
            local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            local perMinute, burst, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            local b = redis.call('HMGET', KEYS[1], 'n', 't')
            local tokens = burst
            if b[1] and b[2] then
              tokens = math.min(burst, tonumber(b[1]) + math.max(0, ms - tonumber(b[2])) * perMinute / 60000)
            end
            if cost > 0 and tokens < cost then
              return math.ceil((cost - tokens) * 60000 / perMinute)
            end
            tokens = math.min(burst, tokens - cost)
            redis.call('HSET', KEYS[1], 'n', tostring(tokens), 't', tostring(ms))
            redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * 60000 / perMinute) + 1000)
            return 0
            """.getBytes(StandardCharsets.UTF_8);

    private final ReadCache cache;
    private final String keyPrefix;
    private final List<byte[]> limitArgs;

    RedisBuckets(ReadCache cache, String name, RateLimit limit) {
        this.cache = cache;
        this.keyPrefix = cache.prefix() + "limit:" + name + ":";
        this.limitArgs = List.of(ascii(Integer.toString(limit.getPerMinute())), ascii(Integer.toString(limit.getBurst())));
    }

    /** As {@link TokenBuckets#take}, but in milliseconds to wait; empty when Redis cannot be asked. */
    OptionalLong take(String client, int cost) {
        List<byte[]> args = List.of(limitArgs.get(0), limitArgs.get(1), ascii(Integer.toString(cost)));
        List<byte[]> key = List.of((keyPrefix + client).getBytes(StandardCharsets.UTF_8));
        return cache.onRedis(redis -> (Long) redis.eval(TAKE, key, args))
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
