package dev.inkwell.persistence.cache;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.persistence.testing.FlakyProxy;
import dev.inkwell.persistence.testing.TestRedis;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the read cache tests against a real Redis ({@link ReadCacheReadsIT},
 * {@link ReadCacheInvalidationIT}, {@link ReadCacheSingleFlightIT}, {@link ReadCacheBreakerIT},
 * {@link ReadCacheFamiliesIT}) share: caches on the test Redis, or on a fault proxy in front of it,
 * under a namespace of the test's own; a client straight to Redis; loaders that count their loads;
 * and a bounded hold for a load. Each test gets its own, and what it opened is closed after it:
 * {@code @RegisterExtension final ReadCacheFixture caches = new ReadCacheFixture();}
 */
final class ReadCacheFixture implements AfterEachCallback {
    static final long LIMIT_MS = 10_000;
    static final java.time.Duration LIMIT = java.time.Duration.ofMillis(LIMIT_MS);

    final String namespace = "it-" + UUID.randomUUID().toString().substring(0, 8);
    final MetricRegistry metrics = new MetricRegistry();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private RedisClient direct;

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    /** Closes {@code resource} after the test, the last one given first. */
    void closeAfter(AutoCloseable resource) {
        cleanup.add(resource);
    }

    /** How long the fixture's caches wait for a Redis answer before a call fails. */
    static final long READ_TIMEOUT_MS = 200;

    ReadCache cache(String url, int maxPending) {
        return cache(url, maxPending, Duration.milliseconds(20));
    }

    ReadCache cache(String url, int maxPending, Duration probeInterval) {
        return cache(url, maxPending, probeInterval, new CacheFactory().getMaxListPages());
    }

    ReadCache cache(String url, int maxPending, Duration probeInterval, int maxMembers) {
        return cache(url, maxPending, probeInterval, maxMembers, new CacheFactory().getMaxListPagesSize());
    }

    ReadCache cache(String url, int maxPending, Duration probeInterval, int maxMembers, DataSize maxMemberBytes) {
        CacheFactory config = new CacheFactory();
        config.setMaxListPages(maxMembers);
        config.setMaxListPagesSize(maxMemberBytes);
        config.setUrl(url);
        config.setNamespace(namespace);
        config.setProbeInterval(probeInterval);
        config.setConnectTimeout(Duration.milliseconds(200));
        config.setReadTimeout(Duration.milliseconds(READ_TIMEOUT_MS));
        config.setMaxPendingInvalidations(maxPending);
        ReadCache cache = config.build(metrics);
        cache.start();
        cleanup.add(cache::stop);
        return cache;
    }

    ReadCache cache() {
        return cache(TestRedis.get().url(), 1000);
    }

    /** A fault proxy in front of the test Redis (closed after the test). */
    FlakyProxy proxy() {
        URI target = URI.create(TestRedis.get().url());
        FlakyProxy proxy = new FlakyProxy(target.getHost(), target.getPort());
        cleanup.add(proxy);
        return proxy;
    }

    /** A client straight to the test Redis, for looking behind the cache's back (one per test). */
    RedisClient direct() {
        if (direct == null) {
            direct = TestRedis.get().client();
            cleanup.add(direct);
        }
        return direct;
    }

    /** What the cache holds of one key, without loading: {@link ReadCache#peekAll} of it alone. */
    static Optional<byte[]> peek(ReadCache cache, String key) {
        return Optional.ofNullable(cache.peekAll(List.of(key)).get(key));
    }

    /** A loader of {@code s} that counts its loads in {@code loads}. */
    static Supplier<Optional<byte[]>> value(String s, AtomicInteger loads) {
        return () -> {
            loads.incrementAndGet();
            return Optional.of(s.getBytes(StandardCharsets.UTF_8));
        };
    }

    static String text(Optional<byte[]> value) {
        return value.map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
    }

    static Map<String, String> texts(Map<String, byte[]> values) {
        Map<String, String> out = new HashMap<>();
        values.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    static Map<String, byte[]> bytes(Map<String, String> values) {
        Map<String, byte[]> out = new HashMap<>();
        values.forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /** Blocks the calling load until {@code latch} opens (bounded). */
    static void hold(CountDownLatch latch) {
        try {
            assertThat(latch.await(LIMIT_MS, TimeUnit.MILLISECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
