package dev.inkwell.persistence.cache;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.persistence.testing.FlakyProxy;
import dev.inkwell.persistence.testing.TestRedis;
import io.dropwizard.util.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drops promised before a commit ({@link ReadCache#promise}): made by another process when the
 * writer died before making them, left to a live writer while it may still be keeping them, and
 * never forgotten while its own drop is owed to Redis.
 */
class PromisedInvalidationsIT {
    private final String namespace = "promised-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final RedisClient direct = TestRedis.get().client();

    @AfterEach
    void close() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        direct.close();
    }

    /** A process's cache on {@code url}; its probe (which replays its ledger) every {@code probe}. */
    private ReadCache process(String url, Duration probe) {
        CacheFactory config = new CacheFactory();
        config.setUrl(url);
        config.setNamespace(namespace);
        config.setProbeInterval(probe);
        config.setReadTimeout(Duration.milliseconds(200));
        ReadCache cache = config.build(new MetricRegistry());
        cache.start();
        cleanup.add(cache::stop);
        return cache;
    }

    /** Caches {@code key} ("old") through {@code cache}, as a reader does. */
    private static void cached(ReadCache cache, String key) {
        cache.get(key, () -> Optional.of("old".getBytes(StandardCharsets.UTF_8)));
    }

    private long promises() {
        return direct.zcard(namespace + ":invalidations:promised");
    }

    @Test
    void anotherProcessMakesTheDropsOfAWriterThatDiedAfterItsCommitOnceThePromiseIsOld() {
        ReadCache writer = process(TestRedis.get().url(), Duration.minutes(10));
        ReadCache other = process(TestRedis.get().url(), Duration.minutes(10));
        cached(writer, "post:1");
        writer.promise(List.of("post:1")); // then it committed and died

        assertThat(other.replayPromises(java.time.Duration.ofMinutes(1))).as("young: its writer may still keep it").isZero();
        assertThat(direct.exists(namespace + ":post:1")).isTrue();
        assertThat(other.replayPromises(java.time.Duration.ZERO)).isEqualTo(1);
        assertThat(direct.exists(namespace + ":post:1")).isFalse();
        assertThat(promises()).as("made, then forgotten").isZero();
    }

    @Test
    void aWriterForgetsItsPromiseOnceItsDropIsMade() {
        ReadCache writer = process(TestRedis.get().url(), Duration.minutes(10));
        cached(writer, "post:1");
        writer.invalidate(List.of("post:1"), writer.promise(List.of("post:1")));
        assertThat(direct.exists(namespace + ":post:1")).isFalse();
        assertThat(promises()).isZero();
    }

    @Test
    void aPromiseWhoseDropRedisDidNotTakeIsKeptForAnyProcessToMake() {
        URI target = URI.create(TestRedis.get().url());
        FlakyProxy proxy = new FlakyProxy(target.getHost(), target.getPort());
        cleanup.add(proxy);
        ReadCache writer = process(proxy.url(), Duration.minutes(10)); // no probe: its ledger stays owed
        cached(writer, "post:1");
        String promise = writer.promise(List.of("post:1"));
        proxy.cut(); // the write committed; now its drop fails, into the writer's ledger
        writer.invalidate(List.of("post:1"), promise);
        proxy.pass();
        assertThat(promises()).as("the ledger dies with the writer; the promise does not").isEqualTo(1);

        assertThat(process(TestRedis.get().url(), Duration.minutes(10)).replayPromises(java.time.Duration.ZERO)).isEqualTo(1);
        assertThat(direct.exists(namespace + ":post:1")).isFalse();
    }
}
