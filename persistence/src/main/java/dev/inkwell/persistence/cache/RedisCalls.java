package dev.inkwell.persistence.cache;

import com.codahale.metrics.Counter;
import io.dropwizard.util.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.JedisURIHelper;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The cache's Redis behind its {@link CircuitBreaker}: every call answers or throws
 * {@link Unavailable} (the caller then reads PostgreSQL), and its outcome feeds the breaker, so
 * that a dead Redis stops costing a timeout per request. A null client is the cache switched off.
 */
final class RedisCalls {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCalls.class);

    private final RedisClient redis;
    private final CircuitBreaker breaker;
    private final Counter errors;
    private final AtomicBoolean refusalLogged = new AtomicBoolean();

    RedisCalls(RedisClient redis, CircuitBreaker breaker, Counter errors) {
        this.redis = redis;
        this.breaker = breaker;
        this.errors = errors;
    }

    /** The pooled client of {@code cache.url}, with the section's timeouts and pool bounds. */
    static RedisClient connect(CacheFactory config) {
        URI uri = URI.create(config.getUrl());
        if (!JedisURIHelper.isValid(uri)) {
            throw new IllegalArgumentException("cache.url is not a valid Redis URL (redis://host:port[/db])");
        }
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis(config.getConnectTimeout()))
                .socketTimeoutMillis(millis(config.getReadTimeout()))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .clientName(config.getNamespace());
        String password = JedisURIHelper.getPassword(uri);
        if (password != null) {
            client.user(JedisURIHelper.getUser(uri)).password(password);
        }
        if (JedisURIHelper.hasDbIndex(uri)) {
            client.database(JedisURIHelper.getDBIndex(uri));
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(config.getPoolMaxTotal());
        pool.setMaxIdle(config.getPoolMaxTotal());
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(java.time.Duration.ofMillis(config.getPoolMaxWait().toMilliseconds()));
        // Several pools per JVM (tests, local mode): JMX names would clash.
        pool.setJmxEnabled(false);
        return RedisClient.builder()
                .hostAndPort(JedisURIHelper.getHostAndPort(uri))
                .clientConfig(client.build())
                .poolConfig(pool)
                .build();
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMilliseconds());
    }

    /** The cache is switched off: nothing is ever asked of Redis. */
    boolean off() {
        return redis == null;
    }

    /** Redis may be called now: the cache is on and the breaker closed. */
    boolean usable() {
        return redis != null && !breaker.isOpen();
    }

    /** Runs one call; with the breaker open it does not call Redis at all. */
    <T> T call(Function<RedisClient, T> op) {
        if (breaker.isOpen()) {
            throw new Unavailable();
        }
        return callEvenIfOpen(op);
    }

    /** {@link #call} with the breaker open too: invalidations and the probe must reach Redis whenever it answers. */
    <T> T callEvenIfOpen(Function<RedisClient, T> op) {
        try {
            T result = op.apply(redis);
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

    /** {@code count} commands in one pipeline (one round trip, one {@link #call}); their answers in order. */
    <T> List<T> pipelined(int count, BiFunction<Pipeline, Integer, Response<?>> command) {
        return call(client -> {
            try (Pipeline p = client.pipelined()) {
                List<Response<?>> answers = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    answers.add(command.apply(p, i));
                }
                p.sync();
                @SuppressWarnings("unchecked")
                List<T> values = answers.stream().map(r -> (T) r.get()).toList();
                return values;
            }
        });
    }

    /**
     * {@code op} for other data the deployment keeps in this Redis (the API's rate-limit
     * counters): empty with the cache off, the breaker open, or the call failing (a failure counts
     * toward opening the breaker, as a read's does). An error Redis answers (a script it refuses:
     * an old version, an ACL) is empty too but is no outage: it must not open the breaker and turn
     * the read cache off with it.
     */
    <T> Optional<T> onRedis(Function<RedisClient, T> op) {
        if (redis == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(call(client -> {
                try {
                    return op.apply(client);
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

    /** Pings Redis unless the breaker is open; false when it does not answer. */
    boolean ping() {
        if (!usable()) {
            return false;
        }
        try {
            call(RedisClient::ping);
            return true;
        } catch (Unavailable e) {
            return false;
        }
    }

    /** The probe's ping, breaker or not, counted nowhere (nobody asked for it); false while Redis does not answer. */
    boolean answers() {
        try {
            redis.ping();
            return true;
        } catch (RuntimeException down) {
            return false;
        }
    }

    /** Keys in Redis (its DBSIZE); null when unknown. */
    Long keyCount() {
        if (!usable()) {
            return null;
        }
        try {
            return call(RedisClient::dbSize);
        } catch (Unavailable e) {
            return null;
        }
    }

    /** The connection pool's own counters; null with the cache off. */
    CacheStats.Pool pool() {
        return redis == null ? null : new CacheStats.Pool(redis.getPool().getNumActive(), redis.getPool().getNumIdle(),
                redis.getPool().getNumWaiters(), redis.getPool().getMaxTotal());
    }

    /** After a Redis restart every pooled connection is dead: drop the idle ones at once. */
    void dropIdleConnections() {
        try {
            redis.getPool().clear();
        } catch (RuntimeException e) {
            // Closing dead connections may fail; they are gone either way.
        }
    }

    void close() {
        if (redis != null) {
            redis.close();
        }
    }

    /** Redis did not answer (or the breaker is open); the caller falls back to PostgreSQL. */
    static final class Unavailable extends RuntimeException {
        Unavailable() {
            super(null, null, false, false);
        }
    }
}
