package dev.inkwell.persistence.testing;

import dev.inkwell.domain.DomainException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs writes in concurrent transactions that really overlap: all are released together, and
 * each holds its commit until every one has run its work, or until one is seen waiting for a
 * lock (blocked behind another's uncommitted write). Without that hold a fast transaction can
 * commit before the other starts, and a race test passes without racing.
 */
public final class Race {
    private static final long LIMIT_SECONDS = 30;

    private Race() {
    }

    /**
     * Runs each piece of work in its own transaction on {@code jdbi} and returns, in order, what
     * it returned or the {@link DomainException} it threw.
     */
    public static List<Object> transactions(Jdbi jdbi, List<Function<Handle, Object>> work) throws Exception {
        int n = work.size();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(n);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (Function<Handle, Object> w : work) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return jdbi.inTransaction(h -> {
                            Object result;
                            try {
                                result = w.apply(h);
                            } finally {
                                written.countDown();
                            }
                            if (!commit.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                                throw new AssertionError("commit was never released");
                            }
                            return result;
                        });
                    } catch (DomainException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
            while (!written.await(20, TimeUnit.MILLISECONDS) && backendsWaitingForALock(jdbi) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the transactions neither all wrote nor blocked each other in time");
                }
            }
            commit.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : results) {
                outcomes.add(f.get(LIMIT_SECONDS, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs the tasks on their own threads, released together by a latch once all are ready, and
     * returns their results in order (bounded waits, no sleeping).
     */
    public static <T> List<T> together(List<? extends java.util.concurrent.Callable<T>> tasks) throws Exception {
        int n = tasks.size();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (java.util.concurrent.Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    if (!go.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                    return task.call();
                }));
            }
            if (!ready.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the tasks did not all start");
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(LIMIT_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long backendsWaitingForALock(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                """).mapTo(Long.class).one());
    }
}
