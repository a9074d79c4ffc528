package dev.inkwell.persistence;

import java.util.Objects;
import java.util.function.Function;

/**
 * A row as it was and as an update left it, both read under the row's lock. What changed is
 * then exact even while others write the same row: a caller that compared with a read made
 * before its transaction could miss a change (A to B by another writer, then back to A by us)
 * and skip an invalidation it owed.
 */
public record Updated<T>(T before, T after) {

    /** Whether the update changed anything at all (false: it was a no-op, nothing was written). */
    public boolean changed() {
        return !before.equals(after);
    }

    /** Whether the update changed {@code field}. */
    public boolean changed(Function<T, ?> field) {
        return !Objects.equals(field.apply(before), field.apply(after));
    }
}
