package dev.inkwell.api.limit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceSeconds(double seconds) {
        now.addAndGet((long) (seconds * 1_000_000_000L));
    }

    @Test
    void aBurstIsAllowedThenTheClientWaits() {
        TokenBuckets buckets = new TokenBuckets(new RateLimit(6, 3), 100, now::get);
        assertThat(buckets.acquire("a")).isZero();
        assertThat(buckets.acquire("a")).isZero();
        assertThat(buckets.acquire("a")).isZero();
        assertThat(buckets.acquire("a")).isEqualTo(10); // 6 per minute: one every 10 s
    }

    @Test
    void tokensComeBackAtTheConfiguredRate() {
        TokenBuckets buckets = new TokenBuckets(new RateLimit(6, 1), 100, now::get);
        assertThat(buckets.acquire("a")).isZero();
        advanceSeconds(5);
        assertThat(buckets.acquire("a")).isEqualTo(5);
        advanceSeconds(5);
        assertThat(buckets.acquire("a")).isZero();
    }

    @Test
    void clientsHaveTheirOwnBuckets() {
        TokenBuckets buckets = new TokenBuckets(new RateLimit(1, 1), 100, now::get);
        assertThat(buckets.acquire("a")).isZero();
        assertThat(buckets.acquire("a")).isPositive();
        assertThat(buckets.acquire("b")).isZero();
    }

    @Test
    void aFullTableStartsOverInsteadOfGrowing() {
        TokenBuckets buckets = new TokenBuckets(new RateLimit(1, 1), 10, now::get);
        assertThat(buckets.acquire("victim")).isZero();
        for (int i = 0; i < 20; i++) {
            buckets.acquire("client-" + i);
        }
        assertThat(buckets.acquire("victim")).isZero();
    }

    @Test
    void aGivenBackTokenCanBeUsedAgain() {
        TokenBuckets buckets = new TokenBuckets(new RateLimit(6, 1), 100, now::get);
        assertThat(buckets.acquire("a")).isZero();
        assertThat(buckets.acquire("a")).isEqualTo(10);
        buckets.take("a", -1);
        assertThat(buckets.acquire("a")).isZero();
        buckets.take("a", -1);
        buckets.take("a", -1);
        assertThat(buckets.acquire("a")).as("never more than the burst").isZero();
        assertThat(buckets.acquire("a")).isEqualTo(10);
    }
}
