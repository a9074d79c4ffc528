package dev.inkwell.api.limit;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.persistence.cache.CacheFactory;
import dev.inkwell.persistence.cache.ReadCache;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {
    @Test
    void withTheCacheDisabledTheInstanceCountsOnItsOwn() {
        CacheFactory disabled = new CacheFactory();
        disabled.setEnabled(false);
        MetricRegistry metrics = new MetricRegistry();
        ReadCache cache = disabled.build(metrics);
        RateLimiter limiter = new RateLimiter("signUp", new RateLimit(1, 2), cache, metrics);

        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isBetween(1L, 60L);
        assertThat(limiter.acquire("b")).isZero();
        assertThat(metrics.counter("rate-limits.signUp.local").getCount()).isEqualTo(4);
        assertThat(metrics.meter("rate-limits.signUp.refused").getCount()).isEqualTo(1);
    }
}
