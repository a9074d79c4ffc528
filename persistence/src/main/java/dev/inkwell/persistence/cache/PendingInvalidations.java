package dev.inkwell.persistence.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keys this process failed to invalidate, kept until Redis answers again. Bounded: past
 * {@code max} keys it stops remembering them one by one and remembers only that everything in
 * the namespace must go. Every addition moves the generation on, so a replay can tell whether
 * more came in while it ran. Callers synchronize on it.
 */
final class PendingInvalidations {
    private final int max;
    private final Set<String> keys = new LinkedHashSet<>();
    private boolean everything;
    private long generation;

    PendingInvalidations(int max) {
        this.max = max;
    }

    void add(Collection<String> more) {
        generation++;
        if (everything) {
            return;
        }
        keys.addAll(more);
        if (keys.size() > max) {
            addEverything();
        }
    }

    /** The whole namespace must be cleared (when we cannot even tell which keys are stale). */
    void addEverything() {
        generation++;
        keys.clear();
        everything = true;
    }

    boolean isEmpty() {
        return !everything && keys.isEmpty();
    }

    int size() {
        return everything ? max : keys.size();
    }

    /** What to replay, as of now. */
    Snapshot snapshot() {
        return new Snapshot(new ArrayList<>(keys), everything, generation);
    }

    /**
     * After {@code done} was replayed: true (and now empty) if nothing was added meanwhile;
     * otherwise all stays for the next replay (replaying a key twice is harmless, dropping one
     * that failed again is not).
     */
    boolean replayed(Snapshot done) {
        if (done.generation() != generation) {
            return false;
        }
        keys.clear();
        everything = false;
        return true;
    }

    record Snapshot(List<String> keys, boolean everything, long generation) {
    }
}
