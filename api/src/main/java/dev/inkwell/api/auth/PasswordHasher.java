package dev.inkwell.api.auth;

import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}), with OWASP's minimum parameters
 * (19 MiB, 2 passes, 1 lane). Verification reads the parameters from the stored string, so
 * they can be raised later without invalidating existing hashes.
 *
 * <p>Each hash holds its memory (19 MiB) while it runs, so at most one per core runs at once:
 * sixteen concurrent sign-ups once took 304 MiB and exhausted a 256 MiB heap, and more at once
 * would not finish sooner on the same cores. A caller waits up to {@code maxWait} for a slot,
 * then gets {@link PasswordChecksBusyException} (a 503 with Retry-After). The memory is
 * allocated once per slot and kept between hashes ({@link Argon2idMemory}, wiped after each).
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();
    private final Semaphore slots;
    /**
     * Hash memories not in use. Kept, since allocating 19 MiB per hash filled the heap with garbage;
     * softly, so that a heap short of room takes them back (the next hash makes a new one).
     */
    private final Deque<SoftReference<Argon2idMemory>> idle = new ConcurrentLinkedDeque<>();
    private final long maxWaitNanos;
    /** Verified against when a user does not exist, so both cases cost the same time. */
    private final String dummy;

    public PasswordHasher(int memoryKiB, int iterations, int parallelism) {
        this(memoryKiB, iterations, parallelism, Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(5));
    }

    /** With at most {@code atOnce} hashes running, a caller waiting at most {@code maxWait} for its turn. */
    public PasswordHasher(int memoryKiB, int iterations, int parallelism, int atOnce, Duration maxWait) {
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.slots = new Semaphore(atOnce, true);
        this.maxWaitNanos = maxWait.toNanos();
        this.dummy = hash("not a real password");
    }

    public static PasswordHasher owaspDefaults() {
        return new PasswordHasher(19_456, 2, 1);
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKiB, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** True if {@code password} matches {@code phc}; false for a null or malformed hash. */
    public boolean verify(String password, String phc) {
        if (phc == null) {
            verify(password, dummy);
            return false;
        }
        String[] parts = phc.split("\\$");
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        try {
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[3].split(",")) {
                String[] pair = kv.split("=", 2);
                int value = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> m = value;
                    case "t" -> t = value;
                    case "p" -> p = value;
                    default -> {
                        return false;
                    }
                }
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            byte[] actual = derive(password, salt, m, t, p, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }

    /** Spends the time of one verification; for sign-in attempts on unknown users. */
    public void burn(String password) {
        verify(password, dummy);
    }

    private byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
        try {
            if (!slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                throw new PasswordChecksBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PasswordChecksBusyException();
        }
        try {
            return argon2id(password, salt, m, t, p, length);
        } finally {
            slots.release();
        }
    }

    /**
     * Runs on a memory from the pool (made on first need; at most one per slot, since a memory is
     * only taken while a slot is held), or on one of its own when the stored parameters need more
     * than the configured ones.
     */
    private byte[] argon2id(String password, byte[] salt, int m, int t, int p, int length) {
        SoftReference<Argon2idMemory> kept = idle.poll();
        Argon2idMemory memory = kept == null ? null : kept.get();
        if (memory == null) {
            memory = new Argon2idMemory(memoryKiB, parallelism);
        }
        if (!memory.fits(m, p)) {
            idle.push(new SoftReference<>(memory));
            return new Argon2idMemory(m, p).hash(password.getBytes(StandardCharsets.UTF_8), salt, m, t, p, length);
        }
        try {
            return memory.hash(password.getBytes(StandardCharsets.UTF_8), salt, m, t, p, length);
        } finally {
            idle.push(new SoftReference<>(memory));
        }
    }
}
