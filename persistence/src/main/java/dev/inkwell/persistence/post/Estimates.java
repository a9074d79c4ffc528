package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.PostQuery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Totals that are estimates (more than {@link PostSearch#COUNTED} matches), kept a short while per
 * query, in this process. Without them every page of a list of 160,000 posts would count its
 * first thousand matches and ask the planner again, two statements and a third of the page's
 * database work, for a number that is an estimate anyway (and says so). Exact totals are never
 * kept: a write must show in them at once. At most {@code maxEntries} queries are kept, the least
 * recently used go first.
 */
final class Estimates {
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<PostQuery, Kept> kept;

    private record Kept(long rows, long until) {
    }

    Estimates(Duration ttl, int maxEntries, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
        this.kept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PostQuery, Kept> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The estimate kept for the query's matches, or null. */
    synchronized Long get(PostQuery query) {
        Kept k = kept.get(key(query));
        if (k == null) {
            return null;
        }
        if (nanoTime.getAsLong() - k.until() > 0) {
            kept.remove(key(query));
            return null;
        }
        return k.rows();
    }

    synchronized void put(PostQuery query, long rows) {
        kept.put(key(query), new Kept(rows, nanoTime.getAsLong() + ttlNanos));
    }

    /** The sort does not change what matches. */
    private static PostQuery key(PostQuery query) {
        return new PostQuery(query.q(), query.categoryId(), query.tag(), query.authorId(), query.published(),
                null, query.visibility());
    }
}
