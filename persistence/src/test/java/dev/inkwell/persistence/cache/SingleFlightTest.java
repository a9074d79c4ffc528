package dev.inkwell.persistence.cache;

import dev.inkwell.persistence.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One load per key at a time, and nobody handed a value read before they asked, without Redis. */
class SingleFlightTest {
    private static final long LIMIT_MS = 5_000;
    private static final Duration LIMIT = Duration.ofMillis(LIMIT_MS);

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A load that counts itself, holds until {@code release} opens, and returns "load N". */
    private static Supplier<String> load(AtomicInteger loads, CountDownLatch release) {
        return () -> {
            int n = loads.incrementAndGet();
            try {
                release.await(LIMIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "load " + n;
        };
    }

    private static <T> T get(Future<T> f) throws Exception {
        return f.get(LIMIT_MS, TimeUnit.MILLISECONDS);
    }

    @Test
    void aLoneCallerLoadsAndTheNextCallerLoadsAgain() {
        SingleFlight<String> flights = new SingleFlight<>(LIMIT_MS);
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch open = new CountDownLatch(0);
        assertThat(flights.run("k", load(loads, open))).isEqualTo("load 1");
        assertThat(flights.run("k", load(loads, open))).as("nothing is remembered after a load").isEqualTo("load 2");
        assertThat(flights.waiting()).isZero();
    }

    @Test
    void callersThatArriveDuringALoadShareTheNextOneNotItsResult() throws Exception {
        SingleFlight<String> flights = new SingleFlight<>(LIMIT_MS);
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Supplier<String> load = load(loads, release);
        Future<String> first = pool.submit(() -> flights.run("k", load));
        Poll.until(LIMIT, "the first load runs", () -> loads.get() == 1);
        List<Future<String>> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.add(pool.submit(() -> flights.run("k", load)));
        }
        Poll.until(LIMIT, "the later callers wait", () -> flights.waiting() == 5);
        release.countDown();
        assertThat(get(first)).isEqualTo("load 1");
        for (Future<String> f : later) {
            assertThat(get(f)).isEqualTo("load 2");
        }
        assertThat(loads).hasValue(2);
        assertThat(flights.waiting()).isZero();
    }

    @Test
    void differentKeysDoNotWaitForEachOther() throws Exception {
        SingleFlight<String> flights = new SingleFlight<>(LIMIT_MS);
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Future<String> held = pool.submit(() -> flights.run("a", load(loads, release)));
        Poll.until(LIMIT, "the load of a runs", () -> loads.get() == 1);
        assertThat(flights.run("b", () -> "b")).isEqualTo("b");
        release.countDown();
        assertThat(get(held)).isEqualTo("load 1");
    }

    @Test
    void aCallerThatWaitedLongerThanTheBoundLoadsAlone() throws Exception {
        SingleFlight<String> flights = new SingleFlight<>(50);
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Future<String> stuck = pool.submit(() -> flights.run("k", load(loads, release)));
        Poll.until(LIMIT, "the first load runs", () -> loads.get() == 1);
        assertThat(flights.run("k", () -> "alone")).isEqualTo("alone");
        release.countDown();
        assertThat(get(stuck)).isEqualTo("load 1");
    }

    @Test
    void aFailedLoadFailsItsCallerAndThoseWhoWaitedShareOneMoreLoad() throws Exception {
        SingleFlight<String> flights = new SingleFlight<>(LIMIT_MS);
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Supplier<String> failing = () -> {
            load(loads, release).get();
            throw new IllegalStateException("database down");
        };
        Future<String> first = pool.submit(() -> flights.run("k", failing));
        Poll.until(LIMIT, "the first load runs", () -> loads.get() == 1);
        List<Future<String>> later = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            later.add(pool.submit(() -> flights.run("k", failing)));
        }
        Poll.until(LIMIT, "the later callers wait", () -> flights.waiting() == 3);
        release.countDown();
        for (Future<String> f : later) {
            assertThatThrownBy(() -> get(f)).isInstanceOf(ExecutionException.class).hasRootCauseMessage("database down");
        }
        assertThatThrownBy(() -> get(first)).hasRootCauseMessage("database down");
        assertThat(loads).as("the first load, then one for all who waited").hasValue(2);
        assertThat(flights.run("k", () -> "fresh")).as("a failure is not remembered").isEqualTo("fresh");
    }
}
