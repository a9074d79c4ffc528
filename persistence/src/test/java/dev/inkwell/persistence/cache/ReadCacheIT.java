package dev.inkwell.persistence.cache;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.persistence.testing.FlakyProxy;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.Race;
import dev.inkwell.persistence.testing.TestRedis;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The read cache against a real Redis: hits, the fill race, single flight, fail-open and recovery. */
class ReadCacheIT {
    private static final long LIMIT_MS = 10_000;
    private static final java.time.Duration LIMIT = java.time.Duration.ofMillis(LIMIT_MS);

    private final String namespace = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final MetricRegistry metrics = new MetricRegistry();
    private RedisClient direct;

    @AfterEach
    void close() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private ReadCache cache(String url, int maxPending) {
        return cache(url, maxPending, Duration.milliseconds(20));
    }

    private ReadCache cache(String url, int maxPending, Duration probeInterval) {
        return cache(url, maxPending, probeInterval, new CacheFactory().getMaxListPages());
    }

    private ReadCache cache(String url, int maxPending, Duration probeInterval, int maxMembers) {
        return cache(url, maxPending, probeInterval, maxMembers, new CacheFactory().getMaxListPagesSize());
    }

    private ReadCache cache(String url, int maxPending, Duration probeInterval, int maxMembers, DataSize maxMemberBytes) {
        CacheFactory config = new CacheFactory();
        config.setMaxListPages(maxMembers);
        config.setMaxListPagesSize(maxMemberBytes);
        config.setUrl(url);
        config.setNamespace(namespace);
        config.setProbeInterval(probeInterval);
        config.setConnectTimeout(Duration.milliseconds(200));
        config.setReadTimeout(Duration.milliseconds(200));
        config.setMaxPendingInvalidations(maxPending);
        ReadCache cache = config.build(metrics);
        cache.start();
        cleanup.add(cache::stop);
        return cache;
    }

    private ReadCache cache() {
        return cache(TestRedis.get().url(), 1000);
    }

    /** A fault proxy in front of the test Redis (closed after the test). */
    private FlakyProxy proxy() {
        URI target = URI.create(TestRedis.get().url());
        FlakyProxy proxy = new FlakyProxy(target.getHost(), target.getPort());
        cleanup.add(proxy);
        return proxy;
    }

    /** What the cache holds of one key, without loading: {@link ReadCache#peekAll} of it alone. */
    private static Optional<byte[]> peek(ReadCache cache, String key) {
        return Optional.ofNullable(cache.peekAll(List.of(key)).get(key));
    }

    /** A client straight to the test Redis, for looking behind the cache's back (one per test). */
    private RedisClient direct() {
        if (direct == null) {
            direct = TestRedis.get().client();
            cleanup.add(direct);
        }
        return direct;
    }

    private static Supplier<Optional<byte[]>> value(String s, AtomicInteger loads) {
        return () -> {
            loads.incrementAndGet();
            return Optional.of(s.getBytes(StandardCharsets.UTF_8));
        };
    }

    private static String text(Optional<byte[]> value) {
        return value.map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void anErrorRedisAnswersToAnotherCallIsEmptyButLeavesTheCacheOn() {
        ReadCache cache = cache();
        for (int i = 0; i < 10; i++) { // more than the breaker's threshold of consecutive failures
            assertThat(cache.onRedis(redis -> redis.eval("return redis.call('no-such-command')"))).isEmpty();
        }
        assertThat(cache.state()).as("Redis answered each time: no outage").isEqualTo("closed");
        assertThat(cache.onRedis(redis -> redis.eval("return 7"))).contains(7L);
    }

    @Test
    void aSecondReadIsAHitAndDoesNotLoad() {
        ReadCache cache = cache();
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
        ReadCache cache = cache();
        assertThat(peek(cache, "post:1")).isEmpty();
        assertThat(cache.stats().misses()).as("the caller that loads counts the miss").isZero();
        assertThat(direct().exists(namespace + ":post:1")).as("a peek leaves no token behind").isFalse();
        cache.get("post:1", value("one", new AtomicInteger()));
        assertThat(text(peek(cache, "post:1"))).isEqualTo("one");
        assertThat(cache.stats().hits()).isEqualTo(1);
        cache.invalidate(List.of("post:1"));
        assertThat(peek(cache, "post:1")).isEmpty();
    }

    @Test
    void aPeekNeverAnswersAnEntryThisProcessFailedToInvalidate() throws Exception {
        FlakyProxy proxy = proxy();
        ReadCache cache = cache(proxy.url(), 1000, Duration.minutes(10)); // no probe: the breaker stays open
        cache.get("post:1", value("old", new AtomicInteger()));
        proxy.cut();   // Redis keeps "old"; only this process cannot reach it
        cache.invalidate(List.of("post:1"));
        proxy.pass();
        assertThat(direct().hget(namespace + ":post:1", "v")).isEqualTo("old");
        assertThat(peek(cache, "post:1")).isEmpty();
    }

    private static Map<String, String> texts(Map<String, byte[]> values) {
        Map<String, String> out = new HashMap<>();
        values.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    private static Map<String, byte[]> bytes(Map<String, String> values) {
        Map<String, byte[]> out = new HashMap<>();
        values.forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void aBatchPeekAnswersTheKeysRedisHoldsInOneGo() {
        ReadCache cache = cache();
        cache.get("post:1", value("one", new AtomicInteger()));
        cache.get("post:3", value("three", new AtomicInteger()));
        assertThat(texts(cache.peekAll(List.of("post:1", "post:2", "post:3")))).isEqualTo(Map.of("post:1", "one", "post:3", "three"));
        assertThat(cache.stats().hits()).isEqualTo(2);
        assertThat(direct().exists(namespace + ":post:2")).as("a peek leaves no token behind").isFalse();
        assertThat(cache.peekAll(List.of())).isEmpty();
    }

    @Test
    void aBatchLoadStoresWhatItLoadedForTheNextReaderAndNothingForWhatItDidNotFind() {
        ReadCache cache = cache();
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
        assertThat(direct().exists(namespace + ":post:404")).as("no entry for what was not found").isFalse();
        assertThat(cache.loadAll(List.of(), keys -> {
            throw new AssertionError("nothing to load");
        })).isEmpty();
    }

    @Test
    void aBatchLoadThatReadBeforeAnInvalidationStoresOnlyTheKeysNotInvalidated() {
        ReadCache cache = cache();
        Map<String, byte[]> loaded = cache.loadAll(List.of("post:1", "post:2"), keys -> {
            // A writer commits post 1 and invalidates it after this batch read it.
            cache.invalidate(List.of("post:1"));
            return bytes(Map.of("post:1", "old", "post:2", "two"));
        });
        assertThat(texts(loaded)).isEqualTo(Map.of("post:1", "old", "post:2", "two"));
        assertThat(direct().hget(namespace + ":post:1", "v")).as("the old value must not be stored").isNull();
        assertThat(direct().hget(namespace + ":post:2", "v")).isEqualTo("two");
        assertThat(cache.stats().fillsRejected()).isEqualTo(1);
        assertThat(cache.stats().fills()).isEqualTo(1);
    }

    @Test
    void aBatchLoadReplacesAnEntryItWasToldIsOutOfDate() {
        ReadCache cache = cache();
        cache.get("post:1", value("version 1", new AtomicInteger()));
        // The caller saw another version of post 1 in the database than the cache holds.
        cache.loadAll(List.of("post:1"), keys -> bytes(Map.of("post:1", "version 2")));
        assertThat(text(peek(cache, "post:1"))).isEqualTo("version 2");
    }

    @Test
    void withRedisDownBatchesStillAnswerFromTheLoader() throws Exception {
        FlakyProxy proxy = proxy();
        ReadCache cache = cache(proxy.url(), 1000, Duration.minutes(10)); // no probe: the breaker stays open
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
    void anInvalidatedKeyIsLoadedAgain() {
        ReadCache cache = cache();
        AtomicInteger loads = new AtomicInteger();
        cache.get("post:1", value("old", loads));
        cache.invalidate(List.of("post:1"));
        assertThat(text(cache.get("post:1", value("new", loads)))).isEqualTo("new");
        assertThat(loads).hasValue(2);
    }

    @Test
    void keysLiveUnderTheNamespaceWithTheConfiguredTtl() {
        ReadCache cache = cache();
        cache.get("post:7", value("seven", new AtomicInteger()));
        RedisClient redis = direct();
        assertThat(redis.hget(namespace + ":post:7", "v")).isEqualTo("seven");
        assertThat(redis.pttl(namespace + ":post:7")).isBetween(1L, 600_000L);
    }

    @Test
    void aLoadThatReadBeforeAnInvalidationCannotFillTheCache() throws Exception {
        ReadCache cache = cache();
        CountDownLatch loaded = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        cleanup.add(reader::shutdownNow);
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

        assertThat(direct().hget(namespace + ":post:1", "v")).as("the old value must not be stored").isNull();
        assertThat(cache.stats().fillsRejected()).isEqualTo(1);
        AtomicInteger loads = new AtomicInteger();
        assertThat(text(cache.get("post:1", value("new", loads)))).isEqualTo("new");
        assertThat(loads).hasValue(1);
    }

    @Test
    void aHundredConcurrentMissesOnOneKeyLoadOnce() throws Exception {
        ReadCache cache = cache();
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
        ReadCache cache = cache();
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
        cleanup.add(pool::shutdownNow);
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
        assertThat(direct().hget(namespace + ":post:9", "v")).isNotEqualTo("old");
    }

    @Test
    void aFailedLoadIsTriedOnceMoreForThoseWhoWaitedNotOncePerWaiter() throws Exception {
        ReadCache cache = cache();
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
        FlakyProxy proxy = proxy();
        ReadCache cache = cache(proxy.url(), 1000);
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

    @Test
    void aDeadRedisFailsNoReadAndOpensTheBreakerUntilItAnswersAgain() throws Exception {
        FlakyProxy proxy = proxy();
        ReadCache cache = cache(proxy.url(), 1000);
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
        FlakyProxy proxy = proxy();
        ReadCache cache = cache(proxy.url(), 1000);
        cache.get("post:1", value("one", new AtomicInteger()));
        proxy.hang();
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            assertThat(text(cache.get("post:1", value("one", loads)))).isEqualTo("one");
        }
        assertThat(loads).hasValue(10);
        assertThat(cache.state()).isEqualTo("open");
    }

    @Test
    void anInvalidationThatFailedIsReplayedBeforeTheCacheIsReadAgain() throws Exception {
        FlakyProxy proxy = proxy();
        ReadCache cache = cache(proxy.url(), 1000);
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
        assertThat(direct().exists(namespace + ":post:1")).as("the replayed invalidation").isFalse();
        assertThat(text(cache.get("post:1", value("new", loads)))).isEqualTo("new");
    }

    @Test
    void moreFailedInvalidationsThanItCanKeepClearTheWholeNamespace() throws Exception {
        FlakyProxy proxy = proxy();
        ReadCache cache = cache(proxy.url(), 2);
        for (int i = 1; i <= 5; i++) {
            cache.get("post:" + i, value("v" + i, new AtomicInteger()));
        }
        RedisClient redis = direct();
        redis.set("other-" + namespace, "kept");
        cleanup.add(() -> redis.del("other-" + namespace));

        proxy.cut();
        cache.invalidate(List.of("post:1", "post:2", "post:3"));
        proxy.pass();
        Poll.until(LIMIT, "the breaker closes", () -> cache.state().equals("closed"));
        for (int i = 1; i <= 5; i++) {
            assertThat(redis.exists(namespace + ":post:" + i)).as("post:%d", i).isFalse();
        }
        assertThat(redis.get("other-" + namespace)).isEqualTo("kept");
    }

    @Test
    void anInvalidationTriesRedisEvenWhileTheBreakerIsOpen() throws Exception {
        FlakyProxy proxy = proxy();
        // No probe during the test: the breaker stays open however Redis is.
        ReadCache cache = cache(proxy.url(), 1000, Duration.hours(1));
        cache.get("post:1", value("old", new AtomicInteger()));
        proxy.cut();
        for (int i = 0; i < 5; i++) {
            cache.get("post:2", value("two", new AtomicInteger()));
        }
        assertThat(cache.state()).isEqualTo("open");
        proxy.pass();

        cache.invalidate(List.of("post:1"));
        assertThat(direct().exists(namespace + ":post:1")).as("dropped at once, for every other process too").isFalse();
        assertThat(cache.stats().pendingInvalidations()).isZero();
    }

    @Test
    void invalidatingEverythingClearsTheNamespaceBeforeRedisIsReadAgain() throws Exception {
        ReadCache cache = cache();
        cache.get("post:1", value("one", new AtomicInteger()));
        cache.get("post:2", value("two", new AtomicInteger()));
        cache.invalidateAll();
        assertThat(cache.state()).isEqualTo("open");
        Poll.until(LIMIT, "the breaker closes", () -> cache.state().equals("closed"));
        RedisClient redis = direct();
        assertThat(redis.exists(namespace + ":post:1")).isFalse();
        assertThat(redis.exists(namespace + ":post:2")).isFalse();
    }

    @Test
    void aFamilysMembersAreKeptApartAndOneInvalidationDropsThemAll() {
        ReadCache cache = cache();
        AtomicInteger loads = new AtomicInteger();
        assertThat(text(cache.getMember("pages", "a", value("page a", loads)))).isEqualTo("page a");
        assertThat(text(cache.getMember("pages", "b", value("page b", loads)))).isEqualTo("page b");
        assertThat(text(cache.getMember("pages", "a", value("other", loads)))).isEqualTo("page a");
        assertThat(text(cache.getMember("pages", "b", value("other", loads)))).isEqualTo("page b");
        assertThat(loads).hasValue(2);
        assertThat(direct().hget(namespace + ":pages", "=a")).isEqualTo("page a");

        cache.invalidate(List.of("pages"));
        assertThat(direct().exists(namespace + ":pages")).isFalse();
        assertThat(text(cache.getMember("pages", "a", value("new a", loads)))).isEqualTo("new a");
        assertThat(text(cache.getMember("pages", "b", value("new b", loads)))).isEqualTo("new b");
        assertThat(loads).hasValue(4);
    }

    @Test
    void aMemberReadBeforeAnInvalidationOfItsFamilyIsNotKeptWhileOneReadAfterIs() throws Exception {
        ReadCache cache = cache();
        cache.getMember("pages", "b", value("page b", new AtomicInteger())); // the family exists, with its token
        CountDownLatch loaded = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        cleanup.add(reader::shutdownNow);
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

        RedisClient redis = direct();
        assertThat(redis.hget(namespace + ":pages", "=a")).as("the old page must not be kept").isNull();
        assertThat(redis.hget(namespace + ":pages", "=b")).as("dropped with its family").isNull();
        assertThat(redis.hget(namespace + ":pages", "=c")).isEqualTo("new c");
        assertThat(cache.stats().fillsRejected()).isEqualTo(1);
    }

    @Test
    void aFamilyKeepsAtMostItsBoundOfMembersAndStartsOverWhenFull() {
        ReadCache cache = cache(TestRedis.get().url(), 1000, Duration.milliseconds(20), 2);
        AtomicInteger loads = new AtomicInteger();
        for (String member : List.of("a", "b", "a", "b")) {
            assertThat(text(cache.getMember("pages", member, value("page " + member, loads)))).isEqualTo("page " + member);
        }
        assertThat(loads).as("a and b kept").hasValue(2);
        assertThat(direct().hlen(namespace + ":pages")).as("two pages, the token and the byte count").isEqualTo(4);
        assertThat(direct().hget(namespace + ":pages", "b")).isEqualTo("12");

        assertThat(text(cache.getMember("pages", "c", value("page c", loads)))).isEqualTo("page c");
        assertThat(direct().exists(namespace + ":pages")).as("a third page drops the full family").isFalse();
        for (String member : List.of("c", "a", "c", "a")) {
            assertThat(text(cache.getMember("pages", member, value("page " + member, loads)))).isEqualTo("page " + member);
        }
        assertThat(loads).as("c and a loaded once more, then kept").hasValue(5);
        assertThat(direct().hget(namespace + ":pages", "=b")).isNull();
    }

    @Test
    void aFamilyKeepsAtMostItsBytesAndNeverAValueLargerThanThem() {
        ReadCache cache = cache(TestRedis.get().url(), 1000, Duration.milliseconds(20), 1000, DataSize.bytes(20));
        AtomicInteger loads = new AtomicInteger();
        String big = "x".repeat(21);
        cache.getMember("pages", "a", value("0123456789", loads)); // 10 bytes: kept
        assertThat(text(cache.getMember("pages", "big", value(big, loads)))).isEqualTo(big);
        assertThat(text(cache.getMember("pages", "big", value(big, loads)))).isEqualTo(big);
        assertThat(loads).as("the large one loaded each time").hasValue(3);
        assertThat(direct().hget(namespace + ":pages", "=a")).as("and the family left alone").isEqualTo("0123456789");

        cache.getMember("pages", "b", value("012345678", loads)); // 19 bytes in all: kept
        assertThat(direct().hget(namespace + ":pages", "=b")).isEqualTo("012345678");
        cache.getMember("pages", "c", value("01", loads)); // 21: over the budget, the family starts over
        assertThat(direct().exists(namespace + ":pages")).isFalse();
        cache.getMember("pages", "c", value("01", loads));
        assertThat(direct().hget(namespace + ":pages", "=c")).isEqualTo("01");
        assertThat(direct().hget(namespace + ":pages", "b")).as("counted afresh").isEqualTo("2");
    }

    @Test
    void aFamilyLivesTheTtlFromItsFirstMemberAndLaterOnesDoNotProlongIt() {
        ReadCache cache = cache();
        cache.getMember("pages", "a", value("page a", new AtomicInteger()));
        RedisClient redis = direct();
        assertThat(redis.pttl(namespace + ":pages")).isBetween(1L, 600_000L);
        redis.pexpire(namespace + ":pages", 30_000);
        cache.getMember("pages", "b", value("page b", new AtomicInteger()));
        assertThat(redis.pttl(namespace + ":pages")).isBetween(1L, 30_000L);
    }

    @Test
    void withRedisDownAMemberIsLoadedEveryTime() throws Exception {
        FlakyProxy proxy = proxy();
        ReadCache cache = cache(proxy.url(), 1000, Duration.minutes(10));
        AtomicInteger loads = new AtomicInteger();
        cache.getMember("pages", "a", value("page a", loads));
        proxy.cut();
        for (int i = 0; i < 5; i++) {
            assertThat(text(cache.getMember("pages", "a", value("fresh a", loads)))).isEqualTo("fresh a");
        }
        assertThat(loads).hasValue(6);
        assertThat(cache.state()).isEqualTo("open");
    }

    @Test
    void aMissOfAnUnknownKeyLeavesNothingInRedis() {
        ReadCache cache = cache();
        assertThat(cache.get("post:404", Optional::empty)).isEmpty();
        assertThat(direct().exists(namespace + ":post:404")).isFalse();
    }

    @Test
    void aDisabledCacheLoadsEveryTimeAndStoresNothing() {
        CacheFactory config = new CacheFactory();
        config.setEnabled(false);
        config.setNamespace(namespace);
        ReadCache cache = config.build(metrics);
        AtomicInteger loads = new AtomicInteger();
        cache.get("post:1", value("one", loads));
        cache.get("post:1", value("one", loads));
        cache.invalidate(List.of("post:1"));
        assertThat(loads).hasValue(2);
        assertThat(cache.state()).isEqualTo("disabled");
        assertThat(direct().exists(namespace + ":post:1")).isFalse();
    }

    private long waiters() {
        return (Long) metrics.getGauges().get("cache.load-waiters").getValue();
    }

    private static <T> List<T> together(int n, java.util.concurrent.Callable<T> task) throws Exception {
        return Race.together(java.util.Collections.nCopies(n, task));
    }

    /** Blocks the calling load until {@code latch} opens (bounded). */
    private static void hold(CountDownLatch latch) {
        try {
            assertThat(latch.await(LIMIT_MS, TimeUnit.MILLISECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Blocks the calling load until {@code what} holds (bounded). */
    private static void holdUntil(String what, Poll.Condition condition) {
        try {
            Poll.until(LIMIT, what, condition);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
