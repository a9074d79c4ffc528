package dev.inkwell.persistence.cache;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.persistence.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code REDIS_URL} as operators write it: a password and a database number, against a Redis that demands the password. */
class RedisUrlIT {
    static final TestRedis REDIS = TestRedis.privateServer("requirepass s3cret-pass");

    @AfterAll
    static void stop() {
        REDIS.close();
    }

    private static ReadCache cache(String url) {
        CacheFactory config = new CacheFactory();
        config.setUrl(url);
        config.setNamespace("url");
        return config.build(new MetricRegistry());
    }

    private static String hostPort() {
        return REDIS.url().substring("redis://".length());
    }

    @Test
    void thePasswordAndDatabaseOfTheUrlAreUsed() {
        ReadCache cache = cache("redis://:s3cret-pass@" + hostPort() + "/3");
        try {
            AtomicInteger loads = new AtomicInteger();
            for (int i = 0; i < 2; i++) {
                cache.get("post:1", () -> {
                    loads.incrementAndGet();
                    return Optional.of("one".getBytes(StandardCharsets.UTF_8));
                });
            }
            assertThat(loads).as("the second read was a hit").hasValue(1);
            URI uri = URI.create(REDIS.url());
            try (RedisClient db3 = RedisClient.builder().hostAndPort(new HostAndPort(uri.getHost(), uri.getPort()))
                    .clientConfig(DefaultJedisClientConfig.builder().password("s3cret-pass").database(3).build()).build()) {
                assertThat(db3.hget("url:post:1", "v")).isEqualTo("one");
            }
        } finally {
            cache.stop();
        }
    }

    @Test
    void aWrongPasswordFailsOpen() {
        ReadCache cache = cache("redis://:wrong@" + hostPort());
        try {
            AtomicInteger loads = new AtomicInteger();
            for (int i = 0; i < 5; i++) {
                assertThat(cache.get("post:1", () -> {
                    loads.incrementAndGet();
                    return Optional.of("one".getBytes(StandardCharsets.UTF_8));
                })).isPresent();
            }
            assertThat(loads).hasValue(5);
            assertThat(cache.state()).isEqualTo("open");
        } finally {
            cache.stop();
        }
    }
}
