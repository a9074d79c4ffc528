package dev.inkwell.persistence.testing;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The one way tests wait for something another thread or process does: ask again after a short
 * pause until it holds or the limit passes, then fail naming what never happened (and the last
 * value seen). A probe may assert inside; its failure ends the wait at once. {@link #within} waits
 * for what may rightly not come, {@link #throughout} checks that something stays true a while.
 * <pre>
 * Poll.until(Duration.ofSeconds(15), "the cache reports degraded", () -&gt; redisMessage().startsWith("degraded"));
 * JsonNode job = Poll.until(Duration.ofMinutes(2), "the job succeeds", () -&gt; api.job(id), j -&gt; j.get("state")...);
 * </pre>
 */
public final class Poll {
    /** Short enough not to slow a test down, long enough not to hammer what it asks. */
    public static final Duration PAUSE = Duration.ofMillis(20);

    /** A question asked again and again; may throw, or fail an assertion, to end the wait. */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    /** A condition asked again and again. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Poll() {
    }

    /** Waits until {@code condition} holds, asking every {@link #PAUSE}; fails after {@code limit}. */
    public static void until(Duration limit, String what, Condition condition) throws Exception {
        until(limit, PAUSE, what, condition::holds, Boolean::booleanValue);
    }

    /** Asks {@code probe} every {@link #PAUSE} until {@code done} accepts its answer, and returns that answer. */
    public static <T> T until(Duration limit, String what, Probe<T> probe, Predicate<? super T> done) throws Exception {
        return until(limit, PAUSE, what, probe, done);
    }

    /** As {@link #until(Duration, String, Probe, Predicate)}, asking every {@code pause}. */
    public static <T> T until(Duration limit, Duration pause, String what, Probe<T> probe, Predicate<? super T> done)
            throws Exception {
        Answer<T> answer = ask(limit, pause, probe, done);
        if (!answer.done()) {
            throw new AssertionError("timed out after " + limit + " waiting until " + what + "; last seen: " + answer.last());
        }
        return answer.last();
    }

    /**
     * Waits until {@code condition} holds, asking every {@code pause}, but at most {@code limit},
     * and says whether it held: for a wait whose end is no failure (a server may answer early,
     * or read on; either is right, and the test goes on after a moment either way).
     */
    public static boolean within(Duration limit, Duration pause, Condition condition) throws Exception {
        return ask(limit, pause, condition::holds, Boolean::booleanValue).done();
    }

    /**
     * Asks every {@link #PAUSE}, for the whole of {@code period}, that {@code condition} holds;
     * fails at the first time it does not: that something does not happen while it should not.
     */
    public static void throughout(Duration period, String what, Condition condition) throws Exception {
        Answer<Boolean> answer = ask(period, PAUSE, condition::holds, holds -> !holds);
        if (answer.done()) {
            throw new AssertionError("no longer true within " + period + ": " + what);
        }
    }

    /** The last answer, and whether it was the one waited for. */
    private record Answer<T>(T last, boolean done) {
    }

    private static <T> Answer<T> ask(Duration limit, Duration pause, Probe<T> probe, Predicate<? super T> done) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return new Answer<>(value, true);
            }
            if (System.nanoTime() - deadline > 0) {
                return new Answer<>(value, false);
            }
            Thread.sleep(pause.toMillis());
        }
    }
}
