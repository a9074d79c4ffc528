package dev.inkwell.api.limit;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.persistence.testing.TestRedis;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.RawHttp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two API instances of one deployment (one database, one Redis, one namespace) enforce one
 * limit; with Redis stopped each counts on its own and no request fails; with Redis back they
 * share again. The deployment has a Redis of its own to stop. Each test signs up from addresses
 * no other test uses.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SharedRateLimitIT {
    static final TestRedis REDIS = TestRedis.privateServer();
    static final ConfigOverride[] LIMITS = {
            ConfigOverride.config("rateLimits.signUp.perMinute", "1"),
            ConfigOverride.config("rateLimits.signUp.burst", "2")};
    static final ApiApp FIRST = new ApiApp(REDIS, LIMITS);
    static final ApiApp SECOND = FIRST.anotherInstance(LIMITS);
    static final DropwizardAppExtension<ApiConfiguration> APP1 = FIRST.extension();
    static final DropwizardAppExtension<ApiConfiguration> APP2 = SECOND.extension();

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    private static int signUp(DropwizardAppExtension<ApiConfiguration> app, String from) {
        String name = ApiApp.unique("joiner");
        RawHttp.Answer answer = new RawHttp(app.getLocalPort()).from(from).json("POST", "/api/users",
                "{\"username\": \"" + name + "\", \"email\": \"" + name + "@example.com\", \"password\": \"pw-of-" + name + "\"}");
        assertThat(answer.status()).as("status of %s", answer.text()).isIn(201, 429);
        return answer.status();
    }

    @Test
    void twoInstancesShareOneLimitThroughRedis() throws Exception {
        awaitShared("127.0.1.");
        assertThat(signUp(APP1, "127.0.0.21")).isEqualTo(201);
        assertThat(signUp(APP2, "127.0.0.21")).isEqualTo(201);
        assertThat(signUp(APP1, "127.0.0.21")).isEqualTo(429);
        assertThat(signUp(APP2, "127.0.0.21")).isEqualTo(429);
        assertThat(signUp(APP2, "127.0.0.22")).as("another address").isEqualTo(201);
        try (RedisClient redis = RedisClient.create(REDIS.url())) {
            Set<String> keys = redis.keys(FIRST.namespace() + ":limit:*");
            assertThat(keys).contains(FIRST.namespace() + ":limit:signUp:127.0.0.21");
            assertThat(keys).allSatisfy(key -> assertThat(redis.pttl(key)).as("time to live of %s", key).isPositive());
        }
    }

    @Test
    void withRedisStoppedEachInstanceCountsOnItsOwnAndNoRequestFails() throws Exception {
        REDIS.stopServer();
        try {
            for (DropwizardAppExtension<ApiConfiguration> app : List.of(APP1, APP2)) {
                assertThat(signUp(app, "127.0.0.30")).isEqualTo(201);
                assertThat(signUp(app, "127.0.0.30")).isEqualTo(201);
                assertThat(signUp(app, "127.0.0.30")).isEqualTo(429);
                assertThat(app.getEnvironment().metrics().counter("rate-limits.signUp.local").getCount())
                        .as("counted without Redis").isGreaterThanOrEqualTo(3);
            }
        } finally {
            REDIS.restart();
        }
        awaitShared("127.0.2.");
    }

    /**
     * Waits (with a deadline) until the instances share counts again: the cache's breaker closes
     * a little after Redis answers. Each try spends the limit of a fresh address of {@code subnet}
     * ("127.0.1.") on the first instance; shared, the second then refuses it at once.
     */
    private static void awaitShared(String subnet) throws Exception {
        AtomicInteger host = new AtomicInteger();
        Poll.until(Duration.ofSeconds(15), Duration.ofMillis(100), "the instances share a limit", () -> {
            assertThat(host.incrementAndGet()).as("addresses left to try").isLessThan(255);
            String address = subnet + host.get();
            signUp(APP1, address);
            signUp(APP1, address);
            return signUp(APP2, address);
        }, status -> status == 429);
    }
}
