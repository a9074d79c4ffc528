package dev.inkwell.persistence.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keys this process failed to invalidate, kept until Redis answers again. Bounded: past
 * {@code max} keys it stops remembering them one by one and remembers only that everything in
 * the namespace must go. Callers synchronize on the owning cache's lock.
 */
final class PendingInvalidations {
    private final int max;
    private final Set<String> keys = new LinkedHashSet<>();
    private boolean everything;

    PendingInvalidations(int max) {
        this.max = max;
    }

    void add(Collection<String> more) {
        if (everything) {
            return;
        }
        keys.addAll(more);
        if (keys.size() > max) {
            keys.clear();
            everything = true;
        }
    }

    boolean isEmpty() {
        return !everything && keys.isEmpty();
    }

    /** True when individual keys were dropped and the whole namespace must be cleared. */
    boolean everything() {
        return everything;
    }

    List<String> keys() {
        return new ArrayList<>(keys);
    }

    int size() {
        return everything ? max : keys.size();
    }

    void clear() {
        keys.clear();
        everything = false;
    }
}
