package dev.inkwell.persistence.cache;

import dev.inkwell.persistence.testing.FlakyProxy;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.Race;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static dev.inkwell.persistence.cache.ReadCacheFixture.LIMIT;
import static dev.inkwell.persistence.cache.ReadCacheFixture.LIMIT_MS;
import static dev.inkwell.persistence.cache.ReadCacheFixture.hold;
import static dev.inkwell.persistence.cache.ReadCacheFixture.text;
import static dev.inkwell.persistence.cache.ReadCacheFixture.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single flight in the read cache: concurrent misses of one key share one load, with Redis up or
 * down; readers who waited for a load read again when a write came in between; and a failed load
 * is tried once more for all who waited, not once for each.
 */
class ReadCacheSingleFlightIT {
    @RegisterExtension
    final ReadCacheFixture caches = new ReadCacheFixture();

    /** How many readers wait for another's load now. */
    private long waiters() {
        return (Long) caches.metrics.getGauges().get("cache.load-waiters").getValue();
    }

    private static <T> List<T> together(int n, java.util.concurrent.Callable<T> task) throws Exception {
        return Race.together(java.util.Collections.nCopies(n, task));
    }

    /** Blocks the calling load until {@code what} holds (bounded). */
    private static void holdUntil(String what, Poll.Condition condition) {
        try {
            Poll.until(LIMIT, what, condition);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aHundredConcurrentMissesOnOneKeyLoadOnce() throws Exception {
        ReadCache cache = caches.cache();
        int readers = 100;
        AtomicInteger loads = new AtomicInteger();
        // The one load holds until every other reader waits for it: they all missed together.
        Supplier<Optional<byte[]>> slowLoad = () -> {
            loads.incrementAndGet();
            holdUntil("every other reader waits for the load", () -> waiters() == readers - 1);
            return Optional.of("shared".getBytes(StandardCharsets.UTF_8));
        };
        List<Optional<byte[]>> results = together(readers, () -> cache.get("post:42", slowLoad));
        assertThat(results).allSatisfy(r -> assertThat(text(r)).isEqualTo("shared"));
        assertThat(loads).hasValue(1);
    }

    @Test
    void readersWaitingForALoadReadAgainWhenAWriteCameInBetween() throws Exception {
        ReadCache cache = caches.cache();
        int followers = 5;
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Supplier<Optional<byte[]>> load = () -> {
            if (loads.incrementAndGet() == 1) {
                hold(release);
                return Optional.of("old".getBytes(StandardCharsets.UTF_8));
            }
            return Optional.of("new".getBytes(StandardCharsets.UTF_8));
        };
        ExecutorService pool = Executors.newFixedThreadPool(followers + 1);
        caches.closeAfter(pool::shutdownNow);
        Future<Optional<byte[]>> leader = pool.submit(() -> cache.get("post:9", load));
        Poll.until(LIMIT, "the leader loads", () -> loads.get() == 1);
        List<Future<Optional<byte[]>>> waiting = new ArrayList<>();
        for (int i = 0; i < followers; i++) {
            waiting.add(pool.submit(() -> cache.get("post:9", load)));
        }
        Poll.until(LIMIT, "the followers wait", () -> waiters() == followers);
        cache.invalidate(List.of("post:9"));
        release.countDown();

        assertThat(text(leader.get(LIMIT_MS, TimeUnit.MILLISECONDS))).isEqualTo("old");
        for (Future<Optional<byte[]>> f : waiting) {
            assertThat(text(f.get(LIMIT_MS, TimeUnit.MILLISECONDS))).as("a follower after the write").isEqualTo("new");
        }
        assertThat(caches.direct().hget(caches.namespace + ":post:9", "v")).isNotEqualTo("old");
    }

    @Test
    void aFailedLoadIsTriedOnceMoreForThoseWhoWaitedNotOncePerWaiter() throws Exception {
        ReadCache cache = caches.cache();
        AtomicInteger loads = new AtomicInteger();
        int readers = 10;
        Supplier<Optional<byte[]>> failing = () -> {
            if (loads.incrementAndGet() == 1) {
                holdUntil("the others wait", () -> waiters() == readers - 1);
            }
            throw new IllegalStateException("database down");
        };
        List<Object> results = together(readers, () -> {
            try {
                return cache.get("post:3", failing);
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        });
        assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo("database down"));
        // The first load began before the others asked, so they get one of their own, together.
        assertThat(loads).hasValue(2);
    }

    @Test
    void withRedisDownConcurrentReadsOfOneKeyStillShareLoads() throws Exception {
        FlakyProxy proxy = caches.proxy();
        ReadCache cache = caches.cache(proxy.url(), 1000);
        proxy.cut();
        for (int i = 0; i < 5; i++) {
            cache.get("post:8", value("eight", new AtomicInteger()));
        }
        assertThat(cache.state()).isEqualTo("open");
        int readers = 50;
        AtomicInteger loads = new AtomicInteger();
        Supplier<Optional<byte[]>> slowLoad = () -> {
            if (loads.incrementAndGet() == 1) {
                holdUntil("every other reader waits", () -> waiters() == readers - 1);
            }
            return Optional.of("eight".getBytes(StandardCharsets.UTF_8));
        };
        List<Optional<byte[]>> results = together(readers, () -> cache.get("post:8", slowLoad));
        assertThat(results).allSatisfy(r -> assertThat(text(r)).isEqualTo("eight"));
        assertThat(loads).as("the running load and the one queued behind it").hasValue(2);
    }
}
