package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.persistence.post.RankingScans.Scan;

/**
 * The statement that finds a search's candidates as each {@link Scan} has it (the match test and
 * the order written so that only that scan's plan is possible), and the condition that keeps it
 * to the newest eras of ids ({@link RankingScans.Choice#from}); {@link RankingScans} chooses which.
 */
final class RankingCandidates {
    /**
     * An era is the post ids that share their bits above these: changeset 014 indexes each row's
     * era beside its vector ({@code ARRAY[post_id >> 13]}), and {@link #inEras} is written in
     * that form so that the index applies it.
     */
    static final int ERA_BITS = 13;

    private RankingCandidates() {
    }

    /** The era of a post id (see {@link #ERA_BITS}). */
    static long era(long postId) {
        return postId >> ERA_BITS;
    }

    /**
     * The condition that a match lies in an era from {@code :eraFrom} to the era of {@code top}
     * (an expression of the statement), written as changeset 014's index has it so that the
     * index applies it: the eras are an InitPlan's value, so that the plan is the same for all.
     */
    static String inEras(String top) {
        return " AND ARRAY[s.post_id >> " + ERA_BITS + "] && ARRAY(SELECT generate_series(:eraFrom, (" + top + ") >> " + ERA_BITS + "))";
    }

    /**
     * The ids and ranks of the visible matches newest first, {@code bounds} narrowing the ids, {@code limit}
     * the slice. Searched by text alone (most searches), post_search alone answers: its rows carry
     * published and author_id (changeset 011), so a match is checked in the row already read for
     * its vector, not by a lookup in posts. With more filters the planner joins posts,
     * its statistics on them choosing the order. {@code scan} writes the match test and the order
     * so that only its plan is possible; they select the same rows in the same order.
     */
    static String candidates(PostQuery query, Scan scan, String bounds, String limit) {
        String from = PostSearch.textOnly(query) ? "post_search s" : "post_search s JOIN posts p ON p.id = s.post_id";
        // Planned, the words are a constant the planner weighs; in a chosen scan they are an
        // InitPlan's value, unknown to the planner, so that its plan is the same for every word
        // and PostgreSQL keeps the one it prepared (see PostRanking.run).
        String tsq = scan == Scan.PLANNED ? "tsq" : "(SELECT " + PostSearch.TSQ + ")";
        if (scan == Scan.PLANNED) {
            from += " CROSS JOIN " + PostSearch.TSQ + " AS tsq";
        }
        String match = scan == Scan.WALK ? "ts_match_vq(s.search, " + tsq + ")" : "s.search @@ " + tsq;
        String order = scan == Scan.INDEX ? "s.post_id + 0" : "s.post_id";
        return "SELECT s.post_id AS id, ts_rank(s.search, " + tsq + ") AS rank FROM " + from
                + PostSearch.whereClause(PostSearch.filters(query, match)) + bounds + " ORDER BY " + order + " DESC" + limit;
    }
}
