package dev.inkwell.persistence;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Values kept a fixed while from when they were put, per key, in this process: at most
 * {@code maxEntries} of them, the least recently used going first. What a statement found out
 * about a query and need not find out again on every request ({@link Estimates}' totals, the
 * search scans of {@code RankingScans}).
 */
public final class Memo<K, V> {
    private final long keptNanos;
    private final LongSupplier nanoTime;
    private final Map<K, Kept<V>> kept;

    private record Kept<V>(V value, long until) {
    }

    /** {@code nanoTime} is the clock ({@code System::nanoTime}; a test's own to move it). */
    public Memo(Duration kept, int maxEntries, LongSupplier nanoTime) {
        this.keptNanos = kept.toNanos();
        this.nanoTime = nanoTime;
        this.kept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Kept<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The value kept for the key, or null (never put, expired, or pushed out). */
    public synchronized V get(K key) {
        Kept<V> k = kept.get(key);
        if (k == null) {
            return null;
        }
        if (nanoTime.getAsLong() - k.until() > 0) {
            kept.remove(key);
            return null;
        }
        return k.value();
    }

    /** Keeps {@code value} for the key, for the memo's while from now. */
    public synchronized void put(K key, V value) {
        kept.put(key, new Kept<>(value, nanoTime.getAsLong() + keptNanos));
    }
}
