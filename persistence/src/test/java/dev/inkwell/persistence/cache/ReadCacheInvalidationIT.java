package dev.inkwell.persistence.cache;

import dev.inkwell.persistence.testing.FlakyProxy;
import dev.inkwell.persistence.testing.Poll;
import io.dropwizard.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.inkwell.persistence.cache.ReadCacheFixture.LIMIT;
import static dev.inkwell.persistence.cache.ReadCacheFixture.LIMIT_MS;
import static dev.inkwell.persistence.cache.ReadCacheFixture.bytes;
import static dev.inkwell.persistence.cache.ReadCacheFixture.hold;
import static dev.inkwell.persistence.cache.ReadCacheFixture.peek;
import static dev.inkwell.persistence.cache.ReadCacheFixture.text;
import static dev.inkwell.persistence.cache.ReadCacheFixture.texts;
import static dev.inkwell.persistence.cache.ReadCacheFixture.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invalidation of the read cache: an invalidated key is loaded again, a load (single or batch)
 * that read before an invalidation cannot fill the cache (the fill race), and an invalidation that
 * fails to reach Redis is still kept: never peeked past, replayed before Redis is read again, or
 * turned into clearing the namespace when too many are owed. Of families: {@link ReadCacheFamiliesIT}.
 */
class ReadCacheInvalidationIT {
    @RegisterExtension
    final ReadCacheFixture caches = new ReadCacheFixture();

    @Test
    void aPeekNeverAnswersAnEntryThisProcessFailedToInvalidate() throws Exception {
        FlakyProxy proxy = caches.proxy();
        ReadCache cache = caches.cache(proxy.url(), 1000, Duration.minutes(10)); // no probe: the breaker stays open
        cache.get("post:1", value("old", new AtomicInteger()));
        proxy.cut();   // Redis keeps "old"; only this process cannot reach it
        cache.invalidate(List.of("post:1"));
        proxy.pass();
        assertThat(caches.direct().hget(caches.namespace + ":post:1", "v")).isEqualTo("old");
        assertThat(peek(cache, "post:1")).isEmpty();
    }

    @Test
    void aBatchLoadThatReadBeforeAnInvalidationStoresOnlyTheKeysNotInvalidated() {
        ReadCache cache = caches.cache();
        Map<String, byte[]> loaded = cache.loadAll(List.of("post:1", "post:2"), keys -> {
            // A writer commits post 1 and invalidates it after this batch read it.
            cache.invalidate(List.of("post:1"));
            return bytes(Map.of("post:1", "old", "post:2", "two"));
        });
        assertThat(texts(loaded)).isEqualTo(Map.of("post:1", "old", "post:2", "two"));
        assertThat(caches.direct().hget(caches.namespace + ":post:1", "v")).as("the old value must not be stored").isNull();
        assertThat(caches.direct().hget(caches.namespace + ":post:2", "v")).isEqualTo("two");
        assertThat(cache.stats().fillsRejected()).isEqualTo(1);
        assertThat(cache.stats().fills()).isEqualTo(1);
    }

    @Test
    void anInvalidatedKeyIsLoadedAgain() {
        ReadCache cache = caches.cache();
        AtomicInteger loads = new AtomicInteger();
        cache.get("post:1", value("old", loads));
        cache.invalidate(List.of("post:1"));
        assertThat(text(cache.get("post:1", value("new", loads)))).isEqualTo("new");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aLoadThatReadBeforeAnInvalidationCannotFillTheCache() throws Exception {
        ReadCache cache = caches.cache();
        CountDownLatch loaded = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        caches.closeAfter(reader::shutdownNow);
        // The reader has read the old row; before it stores it, a writer commits and invalidates.
        Future<Optional<byte[]>> old = reader.submit(() -> cache.get("post:1", () -> {
            loaded.countDown();
            hold(invalidated);
            return Optional.of("old".getBytes(StandardCharsets.UTF_8));
        }));
        assertThat(loaded.await(LIMIT_MS, TimeUnit.MILLISECONDS)).isTrue();
        cache.invalidate(List.of("post:1"));
        invalidated.countDown();
        assertThat(text(old.get(LIMIT_MS, TimeUnit.MILLISECONDS))).isEqualTo("old");

        assertThat(caches.direct().hget(caches.namespace + ":post:1", "v")).as("the old value must not be stored").isNull();
        assertThat(cache.stats().fillsRejected()).isEqualTo(1);
        AtomicInteger loads = new AtomicInteger();
        assertThat(text(cache.get("post:1", value("new", loads)))).isEqualTo("new");
        assertThat(loads).hasValue(1);
    }

    @Test
    void anInvalidationThatFailedIsReplayedBeforeTheCacheIsReadAgain() throws Exception {
        FlakyProxy proxy = caches.proxy();
        ReadCache cache = caches.cache(proxy.url(), 1000);
        AtomicInteger loads = new AtomicInteger();
        cache.get("post:1", value("old", loads));

        proxy.cut();   // Redis keeps "old"; only this process cannot reach it
        cache.invalidate(List.of("post:1"));
        assertThat(cache.state()).as("a failed invalidation opens the breaker at once").isEqualTo("open");
        assertThat(cache.stats().pendingInvalidations()).isEqualTo(1);
        assertThat(text(cache.get("post:1", value("new", loads)))).isEqualTo("new");

        proxy.pass();
        Poll.until(LIMIT, "the breaker closes", () -> cache.state().equals("closed"));
        assertThat(cache.stats().pendingInvalidations()).isZero();
        assertThat(caches.direct().exists(caches.namespace + ":post:1")).as("the replayed invalidation").isFalse();
        assertThat(text(cache.get("post:1", value("new", loads)))).isEqualTo("new");
    }

    @Test
    void moreFailedInvalidationsThanItCanKeepClearTheWholeNamespace() throws Exception {
        FlakyProxy proxy = caches.proxy();
        ReadCache cache = caches.cache(proxy.url(), 2);
        for (int i = 1; i <= 5; i++) {
            cache.get("post:" + i, value("v" + i, new AtomicInteger()));
        }
        RedisClient redis = caches.direct();
        redis.set("other-" + caches.namespace, "kept");
        caches.closeAfter(() -> redis.del("other-" + caches.namespace));

        proxy.cut();
        cache.invalidate(List.of("post:1", "post:2", "post:3"));
        proxy.pass();
        Poll.until(LIMIT, "the breaker closes", () -> cache.state().equals("closed"));
        for (int i = 1; i <= 5; i++) {
            assertThat(redis.exists(caches.namespace + ":post:" + i)).as("post:%d", i).isFalse();
        }
        assertThat(redis.get("other-" + caches.namespace)).isEqualTo("kept");
    }

    @Test
    void anInvalidationTriesRedisEvenWhileTheBreakerIsOpen() throws Exception {
        FlakyProxy proxy = caches.proxy();
        // No probe during the test: the breaker stays open however Redis is.
        ReadCache cache = caches.cache(proxy.url(), 1000, Duration.hours(1));
        cache.get("post:1", value("old", new AtomicInteger()));
        proxy.cut();
        for (int i = 0; i < 5; i++) {
            cache.get("post:2", value("two", new AtomicInteger()));
        }
        assertThat(cache.state()).isEqualTo("open");
        proxy.pass();

        cache.invalidate(List.of("post:1"));
        assertThat(caches.direct().exists(caches.namespace + ":post:1")).as("dropped at once, for every other process too").isFalse();
        assertThat(cache.stats().pendingInvalidations()).isZero();
    }

    @Test
    void invalidatingEverythingClearsTheNamespaceBeforeRedisIsReadAgain() throws Exception {
        ReadCache cache = caches.cache();
        cache.get("post:1", value("one", new AtomicInteger()));
        cache.get("post:2", value("two", new AtomicInteger()));
        cache.invalidateAll();
        assertThat(cache.state()).isEqualTo("open");
        Poll.until(LIMIT, "the breaker closes", () -> cache.state().equals("closed"));
        RedisClient redis = caches.direct();
        assertThat(redis.exists(caches.namespace + ":post:1")).isFalse();
        assertThat(redis.exists(caches.namespace + ":post:2")).isFalse();
    }
}
