package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.persistence.Estimates;
import dev.inkwell.persistence.Estimates.Total;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The totals of post lists and searches: the matches counted exactly up to {@value #COUNTED},
 * the planner's estimate beyond (see {@link Estimates}). The SQL is {@link PostSearch}'s filters
 * over the same tables its pages read.
 */
final class PostCounts {
    /** Matches beyond this many are estimated, not counted (see {@link #count}). */
    static final long COUNTED = Estimates.COUNTED;

    private PostCounts() {
    }

    /**
     * The matches, counted exactly up to {@link #COUNTED}: counting every published post on
     * every page request costs a scan of the table, more than everything else. Beyond that the planner's estimate of the same query stands in
     * (at least COUNTED + 1), from one more statement (EXPLAIN, which runs nothing), and is kept a
     * while ({@link Estimates}): while kept, neither statement runs.
     */
    static Total count(Handle handle, PostQuery query, Estimates<PostQuery> estimates) {
        Long kept = estimates.get(query);
        if (kept != null) {
            return new Total(kept, false);
        }
        Query counting = PostSearch.bindFilters(handle.createQuery(counting(query)), query);
        long counted = (query.q() == null ? counting : PostRanking.customPlan(counting)).mapTo(Long.class).one();
        return total(handle, query, counted, estimates);
    }

    /** The statement that counts the query's matches up to {@link #COUNTED} + 1. */
    static String counting(PostQuery query) {
        return Estimates.cappedCount(matches(query));
    }

    /**
     * The matches of {@link #counting} and of the estimate. Searched by text alone, post_search is
     * enough (it carries what visibility needs, changeset 011): posts is joined only for a filter on them.
     */
    private static String matches(PostQuery query) {
        String where = PostSearch.whereClause(PostSearch.filters(query));
        if (query.q() != null && PostSearch.textOnly(query)) {
            return "SELECT 1 FROM post_search s CROSS JOIN " + PostSearch.TSQ + " AS tsq" + where;
        }
        return "SELECT 1 FROM posts p" + (query.q() == null ? "" : PostSearch.TSQUERY) + where;
    }

    /** The total for {@code counted} matches (by {@link #counting}): itself, or beyond COUNTED the planner's estimate, kept. */
    static Total total(Handle handle, PostQuery query, long counted, Estimates<PostQuery> estimates) {
        return estimates.fromCount(handle, query, counted, matches(query), statement -> PostSearch.bindFilters(statement, query));
    }
}
