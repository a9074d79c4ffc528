package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.persistence.Memo;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How {@link PostRanking} finds a search's candidates, chosen from the number of posts the
 * search's words really match (kept a while in this process, per query). A common word's
 * candidates are found by walking the post ids backwards until enough match, the others'
 * through the GIN index; each of those two statements is written ({@link RankingCandidates}) so
 * that only its own plan is possible, whatever the words, and runs the plan PostgreSQL prepared once (planning the ranked
 * statement costs more than running it for a rare word). The index reads every match it is
 * asked for, a heap page each: where a search matches many more posts than a page needs, it is
 * asked only for those of the newest eras of ids that hold them ({@link Choice#from}, changeset
 * 014), so that a page's cost follows the page, not the number of matches. A search not seen for
 * a while, or with filters beyond its text, is planned for its own words ({@link Scan#PLANNED});
 * after such a run of a text-only search its matches choose the scan, and a run of the chosen
 * scan measures them again when the choice is {@link #RENEW} old (its page's candidates are as
 * good a sample as the planned run's), so that a search is planned once per process and
 * {@link #KEPT} unused, not once a minute: at 2,000,000 posts the planned run reads every match,
 * for a word of a few thousand matches as much as a hundred of its pages. A choice kept unused for
 * long is measured again by its first run. The choice changes only the cost of a page, never its
 * rows: every shape selects the same candidates in the same order.
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
     * The walk reads about fetch / frequency rows (fetch × posts / matches), the index (without
     * eras) every match, so the two cost the same at about sqrt(fetch × posts) matches: the threshold grows
     * with the square root of the posts ({@link #walkFrom}): 15,812 at 2,000,000.
     */
    static final long WALK_FROM = 5_000;
    static final long MEASURED_AT = 200_000;
    /**
     * The walk is chosen only for a search that matches at least one post in this many: below
     * that, the walk reads more rows (a block / the share, and every newer post without the
     * words) than the index reads matches in the newest eras (a block, and about half an era's
     * matches more), whatever the table's size.
     */
    static final int WALK_SHARE = 5;
    /** The eras read are expected to hold this many times the matches needed (a page reads them again without eras if not). */
    static final double ERA_MARGIN = 1.25;
    /** How long a choice is kept unused (a word's share of the posts changes slowly; a stale choice costs one run). */
    static final Duration KEPT = Duration.ofHours(1);
    /** How old a kept choice is when a run of it measures its search again (and keeps it another {@link #KEPT}). */
    static final Duration RENEW = Duration.ofSeconds(30);
    private static final int MAX = 10_000;

    /** The choices of this process: every {@link PostReads} of it serves the same database. */
    static final RankingScans CHOICES = new RankingScans(MAX, System::nanoTime, WALK_FROM, MEASURED_AT);

    /**
     * A choice and when a run of it measures its search again (in {@link #nanoTime}'s
     * nanoseconds): what a search looks up once ({@link #lookUp}) and hands back to {@link #record}.
     */
    record Kept(Choice choice, long renewAt) {
        /** Nothing kept: planned, and any run of it measures. */
        static final Kept PLANNED = new Kept(Choice.of(Scan.PLANNED), 0);
    }

    private final Memo<PostQuery, Kept> kept;
    private final LongSupplier nanoTime;
    private final long walkFrom;
    private final long measuredAt;

    /**
     * At most {@code maxEntries} choices, {@code nanoTime} the clock; walks from {@code walkFrom}
     * matches in a table of {@code measuredAt} posts (scaled by the square root of the posts).
     */
    RankingScans(int maxEntries, LongSupplier nanoTime, long walkFrom, long measuredAt) {
        this.kept = new Memo<>(KEPT, maxEntries, nanoTime);
        this.nanoTime = nanoTime;
        this.walkFrom = walkFrom;
        this.measuredAt = measuredAt;
    }

    /**
     * What is kept for a search: its scan and, for the index, what its planned run measured of its
     * matches: how many ({@link #matches}), the newest it fetched, and their share of the ids from
     * there down to the oldest it fetched ({@code share}; 0 where nothing is known).
     */
    record Choice(Scan scan, long matches, long newest, double share) {
        static Choice of(Scan scan) {
            return new Choice(scan, 0, 0, 0);
        }

        /**
         * Whether the index should read only the eras that hold {@code needed} matches: it finds
         * the search's candidates, and the search matches at least twice as many posts (reading
         * them all costs about the same below that) at a share measured.
         */
        boolean erasFor(long needed) {
            return scan == Scan.INDEX && share > 0 && matches >= 2 * needed;
        }

        /**
         * The lowest id of the ids from {@code top} down that should hold {@code needed} matches:
         * {@value RankingScans#ERA_MARGIN} times as many at the share measured (0: every id).
         */
        long lowest(long top, long needed) {
            return Math.max(top - (long) Math.ceil(needed * ERA_MARGIN / share), 0);
        }

        /**
         * The lowest id of the eras the index reads for {@code needed} matches from the id
         * {@code top} down ({@link #lowest}), or null to read every match: when not
         * {@link #erasFor} those, or when the eras would reach the first (they would hold every id).
         */
        Long from(long top, long needed) {
            if (!erasFor(needed)) {
                return null;
            }
            long lowest = lowest(top, needed);
            return RankingCandidates.era(lowest) > 0 ? lowest : null;
        }
    }

    /** The scan for {@code query}: the one kept for it, or {@link Scan#PLANNED}. */
    Scan choose(PostQuery query) {
        return choice(query).scan();
    }

    /** The choice kept for {@code query}, or {@link Scan#PLANNED}'s. */
    Choice choice(PostQuery query) {
        return lookUp(query).choice();
    }

    /** What is kept for {@code query}, or {@link Kept#PLANNED}: a run of the search looks it up once and hands it to {@link #record}. */
    Kept lookUp(PostQuery query) {
        if (!PostSearch.textOnly(query)) {
            return Kept.PLANNED; // posts joined: the planner's statistics on them choose the order
        }
        Kept k = kept.get(query);
        return k == null ? Kept.PLANNED : k;
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
     * Keeps the scan for {@code query} after a run of it with {@code ran} (what {@link #lookUp}
     * gave the run) that saw {@code sample}: always after a {@link Scan#PLANNED} run, after a
     * chosen one when its choice is {@link #RENEW} old (nothing is kept without a sample: the next
     * run is planned too).
     */
    void record(Handle handle, PostQuery query, Kept ran, Sample sample) {
        if (!PostSearch.textOnly(query) || sample == null) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (ran.choice().scan() != Scan.PLANNED && now - ran.renewAt() < 0) {
            return;
        }
        Choice choice = walks(handle, sample) ? Choice.of(Scan.WALK) : new Choice(Scan.INDEX, matches(sample), sample.newest(), share(sample));
        kept.put(query, new Kept(choice, now + RENEW.toNanos()));
    }

    /**
     * Whether a search whose run saw {@code sample} matches at least the threshold for the
     * table's size ({@link #walkFrom}), and at least one post in {@value #WALK_SHARE} where it
     * was sampled. Not from the total the page shows: beyond
     * {@link PostCounts#COUNTED} matches that is the planner's estimate, and for a word outside
     * the statistics' most common elements the estimate is a floor (min(0.005, the least common
     * element's frequency / 2) of the rows), no measure of its matches. Nor by counting them
     * (through the GIN index, up to the threshold: PostgreSQL 15 still reads a heap page for
     * each, thousands for a common word). The run itself measured them: it fetched {@code matched}
     * candidates newest first, a slice of the ids from the newest post down to {@code oldest};
     * the same share of all the ids is the matches of the whole table (the words spread over its
     * posts as over the newest ones). That share is also what the walk reads. One statement, for
     * the table's size.
     */
    boolean walks(Handle handle, Sample sample) {
        if (sample.all() && sample.matched() <= PostCounts.COUNTED) {
            return false; // below every threshold
        }
        if (share(sample) * WALK_SHARE < 1) {
            return false;
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

    /** The share of the ids from the newest to the oldest {@code sample} fetched that it fetched. */
    static double share(Sample sample) {
        return (double) sample.fetched() / Math.max(sample.newest() - sample.oldest() + 1, 1);
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
