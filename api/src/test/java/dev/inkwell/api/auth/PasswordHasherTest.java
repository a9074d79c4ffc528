package dev.inkwell.api.auth;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    /** "correct horse battery staple", hashed by the hasher of 4941e18 (Bouncy Castle's Argon2BytesGenerator). */
    private static final String OLD_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$7J4x4WA5H6fOzFXdeJjWYQ$UeecSqDDeyRsvdICWo7MJRc/X2WLGIMTYwHShrcTQWA";

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

    @Test
    void aHashStoredBeforeTheKeptMemoryStillVerifies() {
        String stored = OLD_HASH;
        PasswordHasher hasher = PasswordHasher.owaspDefaults();
        assertThat(hasher.verify("correct horse battery staple", stored)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler", stored)).isFalse();
    }

    @Test
    void newHashesAreWhatAFreshBouncyCastleGeneratorComputes() {
        PasswordHasher hasher = new PasswordHasher(1_024, 2, 1);
        for (String password : new String[] {"correct horse", "another one", "correct horse"}) {
            String[] parts = hasher.hash(password).split("\\$");
            assertThat(parts[3]).isEqualTo("m=1024,t=2,p=1");
            byte[] salt = Base64.getDecoder().decode(parts[4]);
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(1_024).withIterations(2).withParallelism(1).withSalt(salt).build());
            byte[] expected = new byte[32];
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), expected);
            assertThat(Base64.getDecoder().decode(parts[5])).isEqualTo(expected);
        }
    }

    @Test
    void hashesOfOtherParametersVerifyBesideTheConfiguredOnes() {
        // Larger than the kept memory (a memory of its own), smaller (the kept one), and two lanes.
        String larger = new PasswordHasher(4_096, 1, 1).hash("pw");
        String smaller = new PasswordHasher(256, 3, 1).hash("pw");
        String lanes = new PasswordHasher(512, 1, 2).hash("pw");
        PasswordHasher hasher = new PasswordHasher(1_024, 1, 1);
        for (int round = 0; round < 2; round++) {
            for (String stored : new String[] {larger, smaller, lanes, hasher.hash("pw")}) {
                assertThat(hasher.verify("pw", stored)).as(stored).isTrue();
                assertThat(hasher.verify("pW", stored)).as(stored).isFalse();
            }
        }
    }

    @Test
    void storedParametersOutOfRangeAreAFailedCheckNotAnError() {
        PasswordHasher hasher = new PasswordHasher(1_024, 1, 1);
        String good = hasher.hash("pw");
        String salt = good.split("\\$")[4];
        String tag = good.split("\\$")[5];
        for (String parameters : new String[] {"m=0,t=1,p=1", "m=1024,t=0,p=1", "m=1024,t=1,p=0", "m=-5,t=1,p=1"}) {
            assertThat(hasher.verify("pw", "$argon2id$v=19$" + parameters + "$" + salt + "$" + tag)).as(parameters).isFalse();
        }
        assertThat(hasher.verify("pw", "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$AAA")).as("a tag under 4 bytes").isFalse();
    }
}
