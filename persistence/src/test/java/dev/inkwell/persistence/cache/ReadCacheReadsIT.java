package dev.inkwell.persistence.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.inkwell.persistence.cache.ReadCacheFixture.LIMIT_MS;
import static dev.inkwell.persistence.cache.ReadCacheFixture.bytes;
import static dev.inkwell.persistence.cache.ReadCacheFixture.peek;
import static dev.inkwell.persistence.cache.ReadCacheFixture.text;
import static dev.inkwell.persistence.cache.ReadCacheFixture.texts;
import static dev.inkwell.persistence.cache.ReadCacheFixture.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads through the read cache on a healthy Redis: a second read is a hit, a peek answers only
 * what Redis holds, a batch loads its misses in one go and stores what it found, keys live under
 * the namespace with a TTL, and a disabled cache stores nothing. Invalidations:
 * {@link ReadCacheInvalidationIT}; a failing Redis: {@link ReadCacheBreakerIT}.
 */
class ReadCacheReadsIT {
    @RegisterExtension
    final ReadCacheFixture caches = new ReadCacheFixture();

    @Test
    void aSecondReadIsAHitAndDoesNotLoad() {
        ReadCache cache = caches.cache();
        AtomicInteger loads = new AtomicInteger();
        assertThat(text(cache.get("post:1", value("one", loads)))).isEqualTo("one");
        assertThat(text(cache.get("post:1", value("other", loads)))).isEqualTo("one");
        assertThat(loads).hasValue(1);
        assertThat(cache.stats().hits()).isEqualTo(1);
        assertThat(cache.stats().misses()).isEqualTo(1);
        assertThat(cache.stats().fills()).isEqualTo(1);
    }

    @Test
    void aPeekAnswersOnlyWhatRedisHoldsAndNeverLoads() {
        ReadCache cache = caches.cache();
        assertThat(peek(cache, "post:1")).isEmpty();
        assertThat(cache.stats().misses()).as("the caller that loads counts the miss").isZero();
        assertThat(caches.direct().exists(caches.namespace + ":post:1")).as("a peek leaves no token behind").isFalse();
        cache.get("post:1", value("one", new AtomicInteger()));
        assertThat(text(peek(cache, "post:1"))).isEqualTo("one");
        assertThat(cache.stats().hits()).isEqualTo(1);
        cache.invalidate(List.of("post:1"));
        assertThat(peek(cache, "post:1")).isEmpty();
    }

    @Test
    void aBatchPeekAnswersTheKeysRedisHoldsInOneGo() {
        ReadCache cache = caches.cache();
        cache.get("post:1", value("one", new AtomicInteger()));
        cache.get("post:3", value("three", new AtomicInteger()));
        assertThat(texts(cache.peekAll(List.of("post:1", "post:2", "post:3")))).isEqualTo(Map.of("post:1", "one", "post:3", "three"));
        assertThat(cache.stats().hits()).isEqualTo(2);
        assertThat(caches.direct().exists(caches.namespace + ":post:2")).as("a peek leaves no token behind").isFalse();
        assertThat(cache.peekAll(List.of())).isEmpty();
    }

    @Test
    void aBatchLoadStoresWhatItLoadedForTheNextReaderAndNothingForWhatItDidNotFind() {
        ReadCache cache = caches.cache();
        List<List<String>> asked = new ArrayList<>();
        Map<String, byte[]> loaded = cache.loadAll(List.of("post:1", "post:2", "post:404"), keys -> {
            asked.add(keys);
            return bytes(Map.of("post:1", "one", "post:2", "two"));
        });
        assertThat(texts(loaded)).isEqualTo(Map.of("post:1", "one", "post:2", "two"));
        assertThat(asked).as("one load for the batch").containsExactly(List.of("post:1", "post:2", "post:404"));
        assertThat(cache.stats().fills()).isEqualTo(2);
        assertThat(cache.stats().misses()).isEqualTo(3);
        assertThat(text(peek(cache, "post:2"))).isEqualTo("two");
        assertThat(caches.direct().exists(caches.namespace + ":post:404")).as("no entry for what was not found").isFalse();
        assertThat(cache.loadAll(List.of(), keys -> {
            throw new AssertionError("nothing to load");
        })).isEmpty();
    }

    @Test
    void aBatchLoadReplacesAnEntryItWasToldIsOutOfDate() {
        ReadCache cache = caches.cache();
        cache.get("post:1", value("version 1", new AtomicInteger()));
        // The caller saw another version of post 1 in the database than the cache holds.
        cache.loadAll(List.of("post:1"), keys -> bytes(Map.of("post:1", "version 2")));
        assertThat(text(peek(cache, "post:1"))).isEqualTo("version 2");
    }

    @Test
    void keysLiveUnderTheNamespaceWithTheConfiguredTtl() {
        ReadCache cache = caches.cache();
        cache.get("post:7", value("seven", new AtomicInteger()));
        RedisClient redis = caches.direct();
        assertThat(redis.hget(caches.namespace + ":post:7", "v")).isEqualTo("seven");
        long ttl = new CacheFactory().getTtl().toMilliseconds();
        assertThat(redis.pttl(caches.namespace + ":post:7")).as("the default TTL, less the moments since the fill").isBetween(ttl - LIMIT_MS, ttl);
    }

    @Test
    void aMissOfAnUnknownKeyLeavesNothingInRedis() {
        ReadCache cache = caches.cache();
        assertThat(cache.get("post:404", Optional::empty)).isEmpty();
        assertThat(caches.direct().exists(caches.namespace + ":post:404")).isFalse();
    }

    @Test
    void aDisabledCacheLoadsEveryTimeAndStoresNothing() {
        CacheFactory config = new CacheFactory();
        config.setEnabled(false);
        config.setNamespace(caches.namespace);
        ReadCache cache = config.build(caches.metrics);
        AtomicInteger loads = new AtomicInteger();
        cache.get("post:1", value("one", loads));
        cache.get("post:1", value("one", loads));
        cache.invalidate(List.of("post:1"));
        assertThat(loads).hasValue(2);
        assertThat(cache.state()).isEqualTo("disabled");
        assertThat(caches.direct().exists(caches.namespace + ":post:1")).isFalse();
    }
}
