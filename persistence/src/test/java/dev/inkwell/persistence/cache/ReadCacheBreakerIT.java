package dev.inkwell.persistence.cache;

import dev.inkwell.persistence.testing.FlakyProxy;
import dev.inkwell.persistence.testing.Poll;
import io.dropwizard.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.inkwell.persistence.cache.ReadCacheFixture.LIMIT;
import static dev.inkwell.persistence.cache.ReadCacheFixture.READ_TIMEOUT_MS;
import static dev.inkwell.persistence.cache.ReadCacheFixture.bytes;
import static dev.inkwell.persistence.cache.ReadCacheFixture.text;
import static dev.inkwell.persistence.cache.ReadCacheFixture.texts;
import static dev.inkwell.persistence.cache.ReadCacheFixture.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read cache's breaker in front of Redis: an error Redis answers is no outage, while a dead or
 * stuck Redis opens the breaker, fails no read (single, batch or member: each answers from its
 * loader), and the breaker closes once Redis answers again. Each test breaks Redis through a
 * fault proxy of its own. Invalidations Redis did not take: {@link ReadCacheInvalidationIT}.
 */
class ReadCacheBreakerIT {
    @RegisterExtension
    final ReadCacheFixture caches = new ReadCacheFixture();

    @Test
    void anErrorRedisAnswersToAnotherCallIsEmptyButLeavesTheCacheOn() {
        ReadCache cache = caches.cache();
        for (int i = 0; i < 10; i++) { // more than the breaker's threshold of consecutive failures
            assertThat(cache.onRedis(redis -> redis.eval("return redis.call('no-such-command')"))).isEmpty();
        }
        assertThat(cache.state()).as("Redis answered each time: no outage").isEqualTo("closed");
        assertThat(cache.onRedis(redis -> redis.eval("return 7"))).contains(7L);
    }

    @Test
    void withRedisDownBatchesStillAnswerFromTheLoader() throws Exception {
        FlakyProxy proxy = caches.proxy();
        ReadCache cache = caches.cache(proxy.url(), 1000, Duration.minutes(10)); // no probe: the breaker stays open
        cache.get("post:1", value("one", new AtomicInteger()));
        proxy.cut();
        assertThat(texts(cache.loadAll(List.of("post:1"), keys -> bytes(Map.of("post:1", "fresh"))))).isEqualTo(Map.of("post:1", "fresh"));
        for (int i = 0; i < 3; i++) {
            assertThat(cache.peekAll(List.of("post:1"))).isEmpty();
        }
        assertThat(cache.state()).as("failures open the breaker as for single reads").isEqualTo("open");
        assertThat(texts(cache.loadAll(List.of("post:1"), keys -> bytes(Map.of("post:1", "fresh"))))).isEqualTo(Map.of("post:1", "fresh"));
        assertThat(cache.stats().bypassed()).isEqualTo(1);
    }

    @Test
    void aDeadRedisFailsNoReadAndOpensTheBreakerUntilItAnswersAgain() throws Exception {
        FlakyProxy proxy = caches.proxy();
        ReadCache cache = caches.cache(proxy.url(), 1000);
        AtomicInteger loads = new AtomicInteger();
        cache.get("post:1", value("one", loads));

        proxy.cut();
        for (int i = 0; i < 20; i++) {
            assertThat(text(cache.get("post:1", value("one", loads)))).isEqualTo("one");
        }
        assertThat(cache.state()).isEqualTo("open");
        long errorsWhenOpen = cache.stats().errors();
        for (int i = 0; i < 20; i++) {
            cache.get("post:1", value("one", loads));
        }
        assertThat(cache.stats().errors()).as("an open breaker calls no Redis").isEqualTo(errorsWhenOpen);
        assertThat(loads).hasValue(41);

        proxy.pass();
        Poll.until(LIMIT, "the breaker closes", () -> cache.state().equals("closed"));
        long hits = cache.stats().hits();
        cache.get("post:1", value("one", loads));
        assertThat(cache.stats().hits()).isEqualTo(hits + 1);
    }

    @Test
    void aStuckRedisCostsReadsTheReadTimeoutUntilTheBreakerOpens() throws Exception {
        FlakyProxy proxy = caches.proxy();
        ReadCache cache = caches.cache(proxy.url(), 1000);
        cache.get("post:1", value("one", new AtomicInteger()));
        proxy.hang();
        AtomicInteger loads = new AtomicInteger();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            assertThat(text(cache.get("post:1", value("one", loads)))).isEqualTo("one");
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        assertThat(loads).hasValue(10);
        assertThat(cache.state()).isEqualTo("open");
        // A socket timeout never fires early, so the first read's lower bound is safe on a busy
        // machine; a read that the open breaker keeps from Redis takes microseconds, far below it.
        int threshold = new CacheFactory().getFailureThreshold();
        assertThat(millis.get(0)).as("the first read waits for the read timeout").isGreaterThanOrEqualTo(READ_TIMEOUT_MS);
        assertThat(millis.subList(threshold, millis.size())).as("reads after %d failures, the breaker open", threshold)
                .allMatch(ms -> ms < READ_TIMEOUT_MS);
    }

    @Test
    void withRedisDownAMemberIsLoadedEveryTime() throws Exception {
        FlakyProxy proxy = caches.proxy();
        ReadCache cache = caches.cache(proxy.url(), 1000, Duration.minutes(10));
        AtomicInteger loads = new AtomicInteger();
        cache.getMember("pages", "a", value("page a", loads));
        proxy.cut();
        for (int i = 0; i < 5; i++) {
            assertThat(text(cache.getMember("pages", "a", value("fresh a", loads)))).isEqualTo("fresh a");
        }
        assertThat(loads).hasValue(6);
        assertThat(cache.state()).isEqualTo("open");
    }
}
