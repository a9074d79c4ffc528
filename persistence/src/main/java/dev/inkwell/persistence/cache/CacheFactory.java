package dev.inkwell.persistence.cache;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisURIHelper;

import java.net.URI;

/**
 * The {@code cache:} section of both applications' YAML: where Redis is ({@code REDIS_URL},
 * {@code redis://[[user]:password@]host:port[/db]}, {@code rediss://} for TLS), how long
 * entries live, and the bounds that keep a slow or dead Redis from slowing requests down.
 * {@link #build} returns the managed, health-checked, metered {@link ReadCache}.
 */
public class CacheFactory {

    /** Off: every read goes to PostgreSQL, nothing is written to Redis. */
    private boolean enabled = true;

    @NotBlank
    @Pattern(regexp = "rediss?://.+", message = "must be a redis:// or rediss:// URL")
    private String url = "redis://127.0.0.1:6379";

    /** The first part of every key, so that several deployments can share one Redis. */
    @NotBlank
    @Pattern(regexp = "[A-Za-z0-9_.-]{1,40}", message = "must be 1-40 of A-Z a-z 0-9 _ . -")
    private String namespace = "inkwell";

    @NotNull
    private Duration ttl = Duration.minutes(10);

    @NotNull
    private Duration connectTimeout = Duration.milliseconds(250);

    @NotNull
    private Duration readTimeout = Duration.milliseconds(250);

    @Min(1)
    @Max(1024)
    private int poolMaxTotal = 32;

    /** How long a request waits for a free Redis connection before it skips the cache. */
    @NotNull
    private Duration poolMaxWait = Duration.milliseconds(100);

    /** Consecutive failed Redis calls that open the circuit breaker. */
    @Min(1)
    private int failureThreshold = 3;

    /** While the breaker is open, Redis is pinged this often; success closes it. */
    @NotNull
    private Duration probeInterval = Duration.milliseconds(500);

    /** How long concurrent misses of one key wait for the one load in flight. */
    @NotNull
    private Duration loadWait = Duration.seconds(5);

    /** Failed invalidations kept for replay; beyond this the whole namespace is cleared on recovery. */
    @Min(1)
    private int maxPendingInvalidations = 100_000;

    /**
     * List and search pages of posts kept at most (of the standard data set's 1 KB posts: 5 KB
     * to 150 KB each, by page size), per family (anonymous readers; signed-in readers); every
     * post write drops them all. 0: none kept.
     */
    @Min(0)
    @Max(100_000)
    private int maxListPages = 1000;

    /** And their size together at most, per family; a page larger than this is never kept. */
    @NotNull
    private DataSize maxListPagesSize = DataSize.mebibytes(32);

    /** The cache of this process: managed (probe thread, pool), with health check "redis" and metrics "cache.*". */
    public ReadCache build(Environment environment) {
        ReadCache cache = build(environment.metrics());
        environment.lifecycle().manage(cache);
        environment.healthChecks().register("redis", new RedisHealthCheck(cache));
        return cache;
    }

    /** The cache alone, not yet started (tests, commands). */
    public ReadCache build(MetricRegistry metrics) {
        return new ReadCache(enabled ? client() : null, this, metrics);
    }

    private RedisClient client() {
        URI uri = URI.create(url);
        if (!JedisURIHelper.isValid(uri)) {
            throw new IllegalArgumentException("cache.url is not a valid Redis URL (redis://host:port[/db])");
        }
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis(connectTimeout))
                .socketTimeoutMillis(millis(readTimeout))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .clientName(namespace);
        String password = JedisURIHelper.getPassword(uri);
        if (password != null) {
            config.user(JedisURIHelper.getUser(uri)).password(password);
        }
        if (JedisURIHelper.hasDbIndex(uri)) {
            config.database(JedisURIHelper.getDBIndex(uri));
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolMaxTotal);
        pool.setMaxIdle(poolMaxTotal);
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(java.time.Duration.ofMillis(poolMaxWait.toMilliseconds()));
        // Several pools per JVM (tests, local mode): JMX names would clash.
        pool.setJmxEnabled(false);
        return RedisClient.builder()
                .hostAndPort(JedisURIHelper.getHostAndPort(uri))
                .clientConfig(config.build())
                .poolConfig(pool)
                .build();
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMilliseconds());
    }

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public int getMaxListPages() {
        return maxListPages;
    }

    @JsonProperty
    public void setMaxListPages(int maxListPages) {
        this.maxListPages = maxListPages;
    }

    @JsonProperty
    public DataSize getMaxListPagesSize() {
        return maxListPagesSize;
    }

    @JsonProperty
    public void setMaxListPagesSize(DataSize maxListPagesSize) {
        this.maxListPagesSize = maxListPagesSize;
    }

    @JsonProperty
    public String getUrl() {
        return url;
    }

    @JsonProperty
    public void setUrl(String url) {
        this.url = url;
    }

    @JsonProperty
    public String getNamespace() {
        return namespace;
    }

    @JsonProperty
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    @JsonProperty
    public Duration getTtl() {
        return ttl;
    }

    @JsonProperty
    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    @JsonProperty
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    @JsonProperty
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @JsonProperty
    public Duration getReadTimeout() {
        return readTimeout;
    }

    @JsonProperty
    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    @JsonProperty
    public int getPoolMaxTotal() {
        return poolMaxTotal;
    }

    @JsonProperty
    public void setPoolMaxTotal(int poolMaxTotal) {
        this.poolMaxTotal = poolMaxTotal;
    }

    @JsonProperty
    public Duration getPoolMaxWait() {
        return poolMaxWait;
    }

    @JsonProperty
    public void setPoolMaxWait(Duration poolMaxWait) {
        this.poolMaxWait = poolMaxWait;
    }

    @JsonProperty
    public int getFailureThreshold() {
        return failureThreshold;
    }

    @JsonProperty
    public void setFailureThreshold(int failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    @JsonProperty
    public Duration getProbeInterval() {
        return probeInterval;
    }

    @JsonProperty
    public void setProbeInterval(Duration probeInterval) {
        this.probeInterval = probeInterval;
    }

    @JsonProperty
    public Duration getLoadWait() {
        return loadWait;
    }

    @JsonProperty
    public void setLoadWait(Duration loadWait) {
        this.loadWait = loadWait;
    }

    @JsonProperty
    public int getMaxPendingInvalidations() {
        return maxPendingInvalidations;
    }

    @JsonProperty
    public void setMaxPendingInvalidations(int maxPendingInvalidations) {
        this.maxPendingInvalidations = maxPendingInvalidations;
    }
}
