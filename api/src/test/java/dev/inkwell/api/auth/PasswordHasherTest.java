package dev.inkwell.api.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    @Test
    void aHashVerifiesAndAWrongPasswordDoesNot() {
        PasswordHasher hasher = new PasswordHasher(1_024, 1, 1);
        String hash = hasher.hash("correct horse");
        assertThat(hasher.verify("correct horse", hash)).isTrue();
        assertThat(hasher.verify("wrong horse", hash)).isFalse();
    }

    @Test
    void aCallerWhoFindsEverySlotTakenForTheWholeWaitIsTurnedAway() throws Exception {
        // One slot and no wait: while one slow hash runs, any other is refused rather than queued
        // (each running hash holds its memory; the slots bound how many do at once).
        PasswordHasher hasher = new PasswordHasher(65_536, 8, 1, 1, Duration.ZERO);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    try {
                        hasher.hash("password");
                        return "hashed";
                    } catch (PasswordChecksBusyException e) {
                        return "busy";
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> call : calls) {
                outcomes.add(call.get());
            }
            assertThat(outcomes).contains("hashed", "busy");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFreedSlotServesTheNextCaller() {
        PasswordHasher hasher = new PasswordHasher(1_024, 1, 1, 1, Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            assertThat(hasher.hash("password")).startsWith("$argon2id$");
        }
    }
}
