package dev.inkwell.persistence.cache;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

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
        return new ReadCache(enabled ? RedisCalls.connect(this) : null, this, metrics);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxListPages() {
        return maxListPages;
    }

    public void setMaxListPages(int maxListPages) {
        this.maxListPages = maxListPages;
    }

    public DataSize getMaxListPagesSize() {
        return maxListPagesSize;
    }

    public void setMaxListPagesSize(DataSize maxListPagesSize) {
        this.maxListPagesSize = maxListPagesSize;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public Duration getTtl() {
        return ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public int getPoolMaxTotal() {
        return poolMaxTotal;
    }

    public void setPoolMaxTotal(int poolMaxTotal) {
        this.poolMaxTotal = poolMaxTotal;
    }

    public Duration getPoolMaxWait() {
        return poolMaxWait;
    }

    public void setPoolMaxWait(Duration poolMaxWait) {
        this.poolMaxWait = poolMaxWait;
    }

    public int getFailureThreshold() {
        return failureThreshold;
    }

    public void setFailureThreshold(int failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    public Duration getProbeInterval() {
        return probeInterval;
    }

    public void setProbeInterval(Duration probeInterval) {
        this.probeInterval = probeInterval;
    }

    public Duration getLoadWait() {
        return loadWait;
    }

    public void setLoadWait(Duration loadWait) {
        this.loadWait = loadWait;
    }

    public int getMaxPendingInvalidations() {
        return maxPendingInvalidations;
    }

    public void setMaxPendingInvalidations(int maxPendingInvalidations) {
        this.maxPendingInvalidations = maxPendingInvalidations;
    }
}
