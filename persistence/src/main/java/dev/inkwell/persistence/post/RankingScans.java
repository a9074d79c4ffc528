package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.persistence.Memo;
import org.jdbi.v3.core.Handle;

import java.time.Duration;

/**
 * How {@link PostRanking} finds a search's candidates, chosen from the number of posts the
 * search's words really match (kept a while in this process, per query). A common word's
 * candidates are found by walking the post ids backwards until enough match, a rare word's
 * through the GIN index; each of those two statements is written so that only its own plan is
 * possible, whatever the words, and runs the plan PostgreSQL prepared once (planning the ranked
 * statement costs more than running it for a rare word). A search not seen for a while, or with
 * filters beyond its text, is planned for its own words ({@link Scan#PLANNED}); after such a run
 * of a text-only search its matches choose the scan for the next minute. The choice changes only
 * the cost of a page, never its rows: every shape selects the same candidates in the same order.
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
     * Matches from which the walk is chosen in a table of {@link #MEASURED_AT} posts (measured).
     * The walk reads about fetch / frequency rows (fetch × posts / matches), the index every
     * match, so the two cost the same at about sqrt(fetch × posts) matches: the threshold grows
     * with the square root of the posts ({@link #walkFrom}): 15,812 at 2,000,000.
     */
    static final long WALK_FROM = 5_000;
    static final long MEASURED_AT = 200_000;
    private static final Duration KEPT = Duration.ofMinutes(1);
    private static final int MAX = 10_000;

    /** The choices of this process: every {@link PostReads} of it serves the same database. */
    static final RankingScans CHOICES = new RankingScans(new Memo<>(KEPT, MAX, System::nanoTime), WALK_FROM, MEASURED_AT);

    private final Memo<PostQuery, Scan> kept;
    private final long walkFrom;
    private final long measuredAt;

    /** Walks from {@code walkFrom} matches in a table of {@code measuredAt} posts (scaled by the square root of the posts). */
    RankingScans(Memo<PostQuery, Scan> kept, long walkFrom, long measuredAt) {
        this.kept = kept;
        this.walkFrom = walkFrom;
        this.measuredAt = measuredAt;
    }

    /** The scan for {@code query}: the one kept for it, or {@link Scan#PLANNED}. */
    Scan choose(PostQuery query) {
        if (!PostSearch.textOnly(query)) {
            return Scan.PLANNED; // posts joined: the planner's statistics on them choose the order
        }
        Scan scan = kept.get(query);
        return scan == null ? Scan.PLANNED : scan;
    }

    /**
     * What a {@link Scan#PLANNED} run of a search saw: {@code matched}, the visible matches from
     * the newest down to the oldest it fetched ({@code oldest}, a post id), of which it fetched
     * {@code fetched} from {@code newest} down (the rest were skipped by the page's offset), and
     * whether those are {@code all} its matches.
     */
    record Sample(long matched, long fetched, long newest, long oldest, boolean all) {
    }

    /**
     * Keeps the scan for {@code query} after a {@link Scan#PLANNED} run of it that saw
     * {@code sample} (nothing is kept without one: the next run is planned too).
     */
    void record(Handle handle, PostQuery query, Sample sample) {
        if (PostSearch.textOnly(query) && sample != null) {
            kept.put(query, walks(handle, sample) ? Scan.WALK : Scan.INDEX);
        }
    }

    /**
     * Whether a search whose run saw {@code sample} matches at least the threshold for the
     * table's size ({@link #walkFrom}). Not from the total the page shows: beyond
     * {@link PostCounts#COUNTED} matches that is the planner's estimate, and for a word outside
     * the statistics' most common elements the estimate is a floor (min(0.005, the least common
     * element's frequency / 2) of the rows), no measure of its matches. Nor by counting them
     * (through the GIN index, up to the threshold: PostgreSQL 15 still reads a heap page for
     * each, thousands for a common word). The run itself measured them: it fetched {@code matched}
     * candidates newest first, a slice of the ids from the newest post down to {@code oldest};
     * the same share of all the ids is the matches of the whole table (the words spread over its
     * posts as over the newest ones). That share is also what the walk reads. One statement, for
     * the table's size and its newest id.
     */
    boolean walks(Handle handle, Sample sample) {
        if (sample.all() && sample.matched() <= PostCounts.COUNTED) {
            return false; // below every threshold
        }
        double rows = handle.createQuery("SELECT reltuples FROM pg_class WHERE oid = 'post_search'::regclass")
                .mapTo(Double.class).one();
        return matches(sample) >= walkFrom(rows);
    }

    /**
     * The matches of a search whose run saw {@code sample}: those it saw, and below its oldest the
     * same share of the ids as among those it fetched. The share is taken over the ids it fetched
     * from, not from the newest post down: the newest posts may hold none of the search's words
     * (the benchmark's own new posts did), and counting them would take a common word for a rare one.
     */
    static long matches(Sample sample) {
        if (sample.all()) {
            return sample.matched();
        }
        long span = Math.max(sample.newest() - sample.oldest() + 1, 1);
        return sample.matched() + (long) ((double) sample.fetched() * (sample.oldest() - 1) / span);
    }

    /**
     * The threshold for a table of {@code rows} posts: {@code walkFrom} at {@code measuredAt},
     * scaled by the square root; never below {@link PostCounts#COUNTED} + 1 (fewer matches are
     * counted by the page itself: the index). A table never analyzed (-1 rows) counts as small.
     */
    long walkFrom(double rows) {
        return Math.max(PostCounts.COUNTED + 1, (long) Math.ceil(walkFrom * Math.sqrt(Math.max(rows, 0) / measuredAt)));
    }
}
