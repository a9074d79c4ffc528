package dev.inkwell.persistence.cache;

import com.codahale.metrics.health.HealthCheck;

/**
 * Redis, for operators: never unhealthy, because Inkwell serves every read from PostgreSQL
 * while Redis is away; "degraded" (with the breaker's state) when it does not answer.
 */
public final class RedisHealthCheck extends HealthCheck {
    private final ReadCache cache;

    public RedisHealthCheck(ReadCache cache) {
        this.cache = cache;
    }

    @Override
    protected Result check() {
        String state = cache.state();
        if (state.equals("disabled")) {
            return Result.builder().healthy().withMessage("cache disabled").withDetail("state", state).build();
        }
        if (cache.ping()) {
            return Result.builder().healthy().withMessage("ok").withDetail("state", state).build();
        }
        // Not stats(): its DBSIZE would wait for the Redis that just did not answer.
        return Result.builder().healthy()
                .withMessage("degraded: Redis does not answer; reads go to PostgreSQL")
                .withDetail("degraded", true)
                .withDetail("state", cache.state())
                .withDetail("pending_invalidations", cache.pendingCount())
                .build();
    }
}
