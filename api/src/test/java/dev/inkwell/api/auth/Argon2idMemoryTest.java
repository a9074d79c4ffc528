package dev.inkwell.api.auth;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kept-memory Argon2id against RFC 9106's test vector and against Bouncy Castle's generator. */
class Argon2idMemoryTest {

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** What Bouncy Castle's Argon2BytesGenerator (which the hasher used before) computes. */
    private static byte[] bouncyCastle(byte[] password, byte[] salt, byte[] secret, byte[] associated,
                                       int m, int t, int p, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        Argon2Parameters.Builder parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m).withIterations(t).withParallelism(p)
                .withSalt(salt);
        if (secret != null) {
            parameters.withSecret(secret).withAdditional(associated);
        }
        generator.init(parameters.build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    @Test
    void rfc9106sArgon2idTestVectorGivesItsTag() {
        assertThat(Hex.toHexString(bouncyCastle(filled(32, 1), filled(16, 2), filled(8, 3), filled(12, 4), 32, 3, 4, 32)))
                .as("the vector as Bouncy Castle computes it")
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
        byte[] tag = new Argon2idMemory(32, 4).hash(filled(32, 1), filled(16, 2), filled(8, 3), filled(12, 4), 32, 3, 4, 32);
        assertThat(Hex.toHexString(tag)).isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void oneMemoryReusedAcrossParametersGivesWhatAFreshBouncyCastleGeneratorGives() {
        // One memory for every case, in a mixed order: what a hash leaves behind must not matter.
        Argon2idMemory memory = new Argon2idMemory(512, 1);
        Random random = new Random(20);
        int[][] cases = {
            // m, t, p, length
            {512, 2, 1, 32}, {8, 1, 1, 32}, {64, 1, 1, 4}, {300, 3, 1, 65}, {100, 2, 2, 100},
            {512, 1, 4, 32}, {37, 2, 3, 1024}, {256, 4, 1, 16}, {16, 1, 2, 64}, {200, 2, 1, 33},
        };
        for (int[] c : cases) {
            byte[] password = new byte[random.nextInt(40)];
            byte[] salt = new byte[8 + random.nextInt(24)];
            random.nextBytes(password);
            random.nextBytes(salt);
            assertThat(memory.hash(password, salt, c[0], c[1], c[2], c[3]))
                    .as("m=%d t=%d p=%d length %d", c[0], c[1], c[2], c[3])
                    .isEqualTo(bouncyCastle(password, salt, null, null, c[0], c[1], c[2], c[3]));
        }
    }

    @Test
    void theOwaspParametersGiveWhatBouncyCastleGives() {
        Argon2idMemory memory = new Argon2idMemory(19_456, 1);
        byte[] salt = filled(16, 7);
        for (String password : new String[] {"correct horse battery staple", "", "pässwörd ✓"}) {
            byte[] bytes = password.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(memory.hash(bytes, salt, 19_456, 2, 1, 32)).isEqualTo(bouncyCastle(bytes, salt, null, null, 19_456, 2, 1, 32));
        }
    }

    @Test
    void theMemoryIsWipedAfterEachHash() {
        Argon2idMemory memory = new Argon2idMemory(64, 1);
        memory.hash(filled(10, 9), filled(16, 2), 64, 2, 1, 32);
        assertThat(memory.wiped()).isTrue();
        assertThatThrownBy(() -> memory.hash(filled(10, 9), filled(16, 2), 64, 0, 1, 32))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(memory.wiped()).isTrue();
    }

    @Test
    void parametersBeyondTheMemoryOrOutOfRangeAreRefused() {
        Argon2idMemory memory = new Argon2idMemory(64, 1);
        assertThat(memory.fits(64, 1)).isTrue();
        assertThat(memory.fits(65 * 4, 1)).isFalse();
        assertThat(memory.fits(8, 16)).as("at least 8 blocks per lane").isFalse();
        assertThatThrownBy(() -> memory.hash(new byte[1], new byte[8], 128, 1, 1, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> memory.hash(new byte[1], new byte[8], 64, 1, 0, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> memory.hash(new byte[1], new byte[8], 64, 1, 1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idMemory(Integer.MAX_VALUE, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
