package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.persistence.Estimates.Total;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How {@link PostRanking} finds a search's candidates, chosen from the number of matches the
 * search's last run found (kept a while in this process, per query). A common word's candidates
 * are found by walking the post ids backwards until enough match, a rare word's through the GIN
 * index; each of those two statements is written so that only its own plan is possible, and runs
 * the plan PostgreSQL prepared once (planning the ranked statement costs more than running it for
 * a rare word). A search not seen for a while, or with filters beyond its text, is planned for its
 * own words ({@link Scan#PLANNED}), and its run tells the choice for the next. The choice changes
 * only the cost of a page, never its rows: every shape selects the same candidates in the same order.
 */
final class RankingScans {
    /** How the candidates are found. */
    enum Scan {
        /** Planned for this search's words each time: the planner picks the walk or the index. */
        PLANNED,
        /** The post ids backwards, each row's vector tested: the match test written so that no index serves it. */
        WALK,
        /** The GIN index's matches, sorted by id: the order written so that the primary key does not serve it. */
        INDEX
    }

    /**
     * Matches from which the walk is chosen. The walk reads about BLOCK / frequency rows for a
     * block, the index every match: from a few thousand matches (a few percent of the posts) the walk reads less.
     */
    static final long WALK_FROM = 5_000;
    private static final Duration KEPT = Duration.ofMinutes(1);
    private static final int MAX = 10_000;

    /** The choices of this process: every {@link PostReads} of it serves the same database. */
    static final RankingScans CHOICES = new RankingScans(KEPT, MAX, System::nanoTime);

    private final long keptNanos;
    private final LongSupplier nanoTime;
    private final Map<PostQuery, Kept> kept;

    private record Kept(Scan scan, long until) {
    }

    RankingScans(Duration kept, int maxEntries, LongSupplier nanoTime) {
        this.keptNanos = kept.toNanos();
        this.nanoTime = nanoTime;
        this.kept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PostQuery, Kept> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The scan for {@code query}: the one its last run's total chose, or {@link Scan#PLANNED}. */
    synchronized Scan choose(PostQuery query) {
        if (!PostSearch.textOnly(query)) {
            return Scan.PLANNED; // posts joined: the planner's statistics on them choose the order
        }
        Kept k = kept.get(query);
        if (k == null || nanoTime.getAsLong() - k.until() > 0) {
            kept.remove(query);
            return Scan.PLANNED;
        }
        return k.scan();
    }

    /** Keeps the scan that {@code total} (of a run of {@code query}) calls for. */
    synchronized void record(PostQuery query, Total total) {
        if (PostSearch.textOnly(query)) {
            Scan scan = !total.exact() && total.rows() >= WALK_FROM ? Scan.WALK : Scan.INDEX;
            kept.put(query, new Kept(scan, nanoTime.getAsLong() + keptNanos));
        }
    }
}
