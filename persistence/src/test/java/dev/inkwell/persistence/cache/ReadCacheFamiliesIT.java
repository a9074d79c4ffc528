package dev.inkwell.persistence.cache;

import dev.inkwell.persistence.testing.TestRedis;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.inkwell.persistence.cache.ReadCacheFixture.LIMIT_MS;
import static dev.inkwell.persistence.cache.ReadCacheFixture.hold;
import static dev.inkwell.persistence.cache.ReadCacheFixture.text;
import static dev.inkwell.persistence.cache.ReadCacheFixture.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Families in the read cache (members under one key, as kept list pages): members are kept apart
 * and one invalidation drops them all, a member read before its family's invalidation is not
 * kept, and a family keeps at most its bound of members and of bytes and lives the TTL of its
 * first member. A family with Redis down: {@link ReadCacheBreakerIT}.
 */
class ReadCacheFamiliesIT {
    @RegisterExtension
    final ReadCacheFixture caches = new ReadCacheFixture();

    @Test
    void aFamilysMembersAreKeptApartAndOneInvalidationDropsThemAll() {
        ReadCache cache = caches.cache();
        AtomicInteger loads = new AtomicInteger();
        assertThat(text(cache.getMember("pages", "a", value("page a", loads)))).isEqualTo("page a");
        assertThat(text(cache.getMember("pages", "b", value("page b", loads)))).isEqualTo("page b");
        assertThat(text(cache.getMember("pages", "a", value("other", loads)))).isEqualTo("page a");
        assertThat(text(cache.getMember("pages", "b", value("other", loads)))).isEqualTo("page b");
        assertThat(loads).hasValue(2);
        assertThat(caches.direct().hget(caches.namespace + ":pages", "=a")).isEqualTo("page a");

        cache.invalidate(List.of("pages"));
        assertThat(caches.direct().exists(caches.namespace + ":pages")).isFalse();
        assertThat(text(cache.getMember("pages", "a", value("new a", loads)))).isEqualTo("new a");
        assertThat(text(cache.getMember("pages", "b", value("new b", loads)))).isEqualTo("new b");
        assertThat(loads).hasValue(4);
    }

    @Test
    void aMemberReadBeforeAnInvalidationOfItsFamilyIsNotKeptWhileOneReadAfterIs() throws Exception {
        ReadCache cache = caches.cache();
        cache.getMember("pages", "b", value("page b", new AtomicInteger())); // the family exists, with its token
        CountDownLatch loaded = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        caches.closeAfter(reader::shutdownNow);
        // The reader of page a took the family's token and read the old rows; a write commits and
        // invalidates; a reader of page c comes after it.
        Future<Optional<byte[]>> old = reader.submit(() -> cache.getMember("pages", "a", () -> {
            loaded.countDown();
            hold(invalidated);
            return Optional.of("old a".getBytes(StandardCharsets.UTF_8));
        }));
        assertThat(loaded.await(LIMIT_MS, TimeUnit.MILLISECONDS)).isTrue();
        cache.invalidate(List.of("pages"));
        assertThat(text(cache.getMember("pages", "c", value("new c", new AtomicInteger())))).isEqualTo("new c");
        invalidated.countDown();
        assertThat(text(old.get(LIMIT_MS, TimeUnit.MILLISECONDS))).isEqualTo("old a");

        RedisClient redis = caches.direct();
        assertThat(redis.hget(caches.namespace + ":pages", "=a")).as("the old page must not be kept").isNull();
        assertThat(redis.hget(caches.namespace + ":pages", "=b")).as("dropped with its family").isNull();
        assertThat(redis.hget(caches.namespace + ":pages", "=c")).isEqualTo("new c");
        assertThat(cache.stats().fillsRejected()).isEqualTo(1);
    }

    @Test
    void aFamilyKeepsAtMostItsBoundOfMembersAndStartsOverWhenFull() {
        ReadCache cache = caches.cache(TestRedis.get().url(), 1000, Duration.milliseconds(20), 2);
        AtomicInteger loads = new AtomicInteger();
        for (String member : List.of("a", "b", "a", "b")) {
            assertThat(text(cache.getMember("pages", member, value("page " + member, loads)))).isEqualTo("page " + member);
        }
        assertThat(loads).as("a and b kept").hasValue(2);
        assertThat(caches.direct().hlen(caches.namespace + ":pages")).as("two pages, the token and the byte count").isEqualTo(4);
        assertThat(caches.direct().hget(caches.namespace + ":pages", "b")).isEqualTo("12");

        assertThat(text(cache.getMember("pages", "c", value("page c", loads)))).isEqualTo("page c");
        assertThat(caches.direct().exists(caches.namespace + ":pages")).as("a third page drops the full family").isFalse();
        for (String member : List.of("c", "a", "c", "a")) {
            assertThat(text(cache.getMember("pages", member, value("page " + member, loads)))).isEqualTo("page " + member);
        }
        assertThat(loads).as("c and a loaded once more, then kept").hasValue(5);
        assertThat(caches.direct().hget(caches.namespace + ":pages", "=b")).isNull();
    }

    @Test
    void aFamilyKeepsAtMostItsBytesAndNeverAValueLargerThanThem() {
        ReadCache cache = caches.cache(TestRedis.get().url(), 1000, Duration.milliseconds(20), 1000, DataSize.bytes(20));
        AtomicInteger loads = new AtomicInteger();
        String big = "x".repeat(21);
        cache.getMember("pages", "a", value("0123456789", loads)); // 10 bytes: kept
        assertThat(text(cache.getMember("pages", "big", value(big, loads)))).isEqualTo(big);
        assertThat(text(cache.getMember("pages", "big", value(big, loads)))).isEqualTo(big);
        assertThat(loads).as("the large one loaded each time").hasValue(3);
        assertThat(caches.direct().hget(caches.namespace + ":pages", "=a")).as("and the family left alone").isEqualTo("0123456789");

        cache.getMember("pages", "b", value("012345678", loads)); // 19 bytes in all: kept
        assertThat(caches.direct().hget(caches.namespace + ":pages", "=b")).isEqualTo("012345678");
        cache.getMember("pages", "c", value("01", loads)); // 21: over the budget, the family starts over
        assertThat(caches.direct().exists(caches.namespace + ":pages")).isFalse();
        cache.getMember("pages", "c", value("01", loads));
        assertThat(caches.direct().hget(caches.namespace + ":pages", "=c")).isEqualTo("01");
        assertThat(caches.direct().hget(caches.namespace + ":pages", "b")).as("counted afresh").isEqualTo("2");
    }

    @Test
    void aFamilyLivesTheTtlFromItsFirstMemberAndLaterOnesDoNotProlongIt() {
        ReadCache cache = caches.cache();
        cache.getMember("pages", "a", value("page a", new AtomicInteger()));
        RedisClient redis = caches.direct();
        assertThat(redis.pttl(caches.namespace + ":pages")).isBetween(1L, 600_000L);
        redis.pexpire(caches.namespace + ":pages", 30_000);
        cache.getMember("pages", "b", value("page b", new AtomicInteger()));
        assertThat(redis.pttl(caches.namespace + ":pages")).isBetween(1L, 30_000L);
    }
}
