package dev.inkwell.ops.bench;

import dev.inkwell.api.auth.PasswordHasher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many sign-up password hashes these cores can compute: the limit {@code ops/bench} holds
 * {@code POST /api/users} against. Sign-up is bounded by Argon2id on purpose, so its rate is
 * only judged against the hash's own rate on the same machine, with the project's own hasher
 * and parameters ({@link PasswordHasher#owaspDefaults()}), on one thread per core (a hash uses
 * one lane, so more threads only queue). An untimed first pass lets the JIT compile the hash,
 * as the api's sign-ups are measured after a warm-up.
 *
 * <p>{@code java @ops/config/jvm.options -cp ops/target/inkwell.jar dev.inkwell.ops.bench.PasswordHashRate
 * [seconds] [threads]} prints one line, {@code password-hash-rate: <hashes/s> hashes/s ...}.
 */
public final class PasswordHashRate {

    private PasswordHashRate() {
    }

    /** What one timed pass did. */
    record Rate(long hashes, double seconds, int threads) {
        double perSecond() {
            return hashes / seconds;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        PasswordHasher hasher = PasswordHasher.owaspDefaults();
        measure(hasher, threads, Math.min(2, seconds / 2));
        Rate rate = measure(hasher, threads, seconds);
        System.out.printf(Locale.ROOT, "password-hash-rate: %.1f hashes/s on %d threads (%d hashes in %.2f s)%n",
                rate.perSecond(), rate.threads(), rate.hashes(), rate.seconds());
    }

    /**
     * Hashes on {@code threads} threads until {@code seconds} have passed. The time runs until the
     * last hash started before the deadline is done, so every counted hash is inside it.
     */
    static Rate measure(PasswordHasher hasher, int threads, double seconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        long deadline = started + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    hasher.hash("bench-password-" + done.get());
                    done.incrementAndGet();
                }
            }, "password-hash-" + i);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return new Rate(done.get(), (System.nanoTime() - started) / 1e9, threads);
    }
}
