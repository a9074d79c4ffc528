package dev.inkwell.persistence.post;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.post.PostCursor;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.PostSort;
import dev.inkwell.persistence.Estimates;
import dev.inkwell.persistence.Estimates.Total;
import dev.inkwell.persistence.post.RankingScans.Scan;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Search by relevance in blocks: the matches are taken newest first (by post id) {@value #BLOCK}
 * at a time, and each block is ranked on its own, best first; the next block follows the last
 * row of the one before. So a search ranks at most two blocks per page whatever the number of
 * matches (ranking all of a common word's matches takes far longer than a page may), and for a
 * common word PostgreSQL finds a block by walking the post ids backwards until it has enough, a cost that
 * does not grow with the table. With at most {@value #BLOCK} matches the ranking is exact over
 * all of them; beyond, the first pages rank the newest {@value #BLOCK}.
 * A page by number finds its block by offset among the matches; a cursor names its block by
 * its id range ({@code low} to {@code high}, as its first page found it) with the rank and id of
 * the last row shown, so walking by cursor shows every match once, in blocks, even while posts
 * are added (they are newer than every block already begun).
 */
final class PostRanking {
    /**
     * Matches ranked together. The cost of a common word's page grows with it (a walk of about
     * BLOCK / frequency ids, BLOCK lookups and ranks): 200 keeps a common word's page a small
     * fraction of what ranking all its matches reads.
     */
    static final int BLOCK = 200;

    private static final String TSQ = PostSearch.TSQ;

    private PostRanking() {
    }

    /**
     * A row of a ranked page: the post's key, the id range of the block it was ranked in, the
     * candidates fetched and the newest and oldest (highest and lowest id) of them.
     */
    private record Ranked(PostKey key, long low, long high, long fetched, long newest, long oldest) {
    }

    /**
     * Page {@code request.page()} of the matches in block order. Unless an estimate of the total
     * is kept, the candidates fetched go on to {@link PostCounts#COUNTED} + 1 (only the page's
     * blocks are ranked): a search of up to that many matches is then counted by its own
     * statement, and needs no count of its own.
     */
    static Page<PostKey> page(Handle handle, PostQuery query, PageRequest request, Estimates<PostQuery> estimates) {
        return page(handle, query, request, estimates, RankingScans.CHOICES);
    }

    /**
     * {@link #page} with the scan {@code scans} keep for the query; or planned, and then the run
     * tells them how many posts the search matches (see {@link RankingScans#record}).
     */
    static Page<PostKey> page(Handle handle, PostQuery query, PageRequest request, Estimates<PostQuery> estimates, RankingScans scans) {
        Scan scan = scans.choose(query);
        Ranking ranking = ranking(handle, query, request, estimates, scan);
        if (scan == Scan.PLANNED) {
            scans.record(handle, query, ranking.sample());
        }
        return ranking.page();
    }

    /** {@link #page} with its candidates found by {@code scan}. */
    static Page<PostKey> page(Handle handle, PostQuery query, PageRequest request, Estimates<PostQuery> estimates, Scan scan) {
        return ranking(handle, query, request, estimates, scan).page();
    }

    /** A page, and what its statement saw of the matches (null if it fetched none). */
    private record Ranking(Page<PostKey> page, RankingScans.Sample sample) {
    }

    private static Ranking ranking(Handle handle, PostQuery query, PageRequest request, Estimates<PostQuery> estimates, Scan scan) {
        long offset = request.offset();
        long first = offset / BLOCK * BLOCK;
        // The blocks that hold this page's rows and the one after its last (whether a next page exists).
        long span = (offset + request.perPage()) / BLOCK * BLOCK + BLOCK - first;
        Long kept = estimates.get(query);
        long fetch = kept != null ? span : Math.max(span, PostCounts.COUNTED + 1);
        // The offset is written out (a long): bound, the plan prepared for every offset assumes it skips a tenth of the rows.
        String candidates = candidates(query, scan, "", " OFFSET " + first + " LIMIT " + fetch);
        List<Ranked> rows = run(handle, query, scan, candidates, null, request.perPage() + 1, offset - first,
                q -> q.bind("span", span).bind("firstRow", first));
        Total total;
        if (rows.isEmpty()) {
            total = PostCounts.count(handle, query, estimates); // past the last page: nothing carried it
        } else if (rows.get(0).fetched() < fetch) {
            total = new Total(first + rows.get(0).fetched(), true); // every match from the first block on
        } else if (kept != null) {
            total = new Total(kept, false);
        } else {
            total = PostCounts.total(handle, query, first + rows.get(0).fetched(), estimates);
        }
        RankingScans.Sample sample = rows.isEmpty() ? null
                : new RankingScans.Sample(first + rows.get(0).fetched(), rows.get(0).fetched(), rows.get(0).newest(),
                        rows.get(0).oldest(), rows.get(0).fetched() < fetch);
        return new Ranking(PostPages.of(rows, Ranked::key, total, request.page(), request.perPage(), PostRanking::cursorAfter), sample);
    }

    /**
     * The {@code perPage} matches after the cursor's row: the rest of its block, then the next. A
     * cursor's page takes the scan kept for its search, or is planned (and leaves no choice: a first page does).
     */
    static Page<PostKey> after(Handle handle, PostQuery query, PostCursor cursor, int perPage, Estimates<PostQuery> estimates) {
        return after(handle, query, cursor, perPage, estimates, RankingScans.CHOICES.choose(query));
    }

    /** {@link #after} with its candidates found by {@code scan}. */
    static Page<PostKey> after(Handle handle, PostQuery query, PostCursor cursor, int perPage, Estimates<PostQuery> estimates,
                               Scan scan) {
        Bounds bounds = Bounds.of(cursor);
        String block = candidates(query, scan, " AND s.post_id BETWEEN :low AND :high", " LIMIT " + BLOCK);
        List<Ranked> rows = new ArrayList<>(run(handle, query, scan, block, "(w.rank, w.id) < (:afterKey, :afterId)", perPage + 1, 0,
                q -> q.bind("low", bounds.low()).bind("high", bounds.high()).bind("afterKey", bounds.rank())
                        .bind("afterId", cursor.id()).bind("firstRow", 0L).bind("span", (long) BLOCK)));
        if (rows.size() <= perPage) {
            // The block ends on this page: the next one starts below it.
            String next = candidates(query, scan, " AND s.post_id < :low", " LIMIT " + BLOCK);
            rows.addAll(run(handle, query, scan, next, null, perPage + 1 - rows.size(), 0,
                    q -> q.bind("low", bounds.low()).bind("firstRow", 0L).bind("span", (long) BLOCK)));
        }
        return PostPages.of(rows, Ranked::key, PostCounts.count(handle, query, estimates), null, perPage, PostRanking::cursorAfter);
    }

    /**
     * The ids and ranks of the visible matches newest first, {@code bounds} narrowing the ids, {@code limit}
     * the slice. Searched by text alone (most searches), post_search alone answers: its rows carry
     * published and author_id (changeset 011), so a match is checked in the row already read for
     * its vector, not by a lookup in posts (a few buffers per match, which made a rare word cost
     * several times the buffers of changeset 003's in-row vector). With more filters the planner joins posts,
     * its statistics on them choosing the order. {@code scan} writes the match test and the order
     * so that only its plan is possible ({@link RankingScans}); they select the same rows in the same order.
     */
    private static String candidates(PostQuery query, Scan scan, String bounds, String limit) {
        String from = PostSearch.textOnly(query) ? "post_search s" : "post_search s JOIN posts p ON p.id = s.post_id";
        // Planned, the words are a constant the planner weighs; in a chosen scan they are an
        // InitPlan's value, unknown to the planner, so that its plan is the same for every word
        // and PostgreSQL keeps the one it prepared (see run).
        String tsq = scan == Scan.PLANNED ? "tsq" : "(SELECT " + TSQ + ")";
        if (scan == Scan.PLANNED) {
            from += " CROSS JOIN " + TSQ + " AS tsq";
        }
        String match = scan == Scan.WALK ? "ts_match_vq(s.search, " + tsq + ")" : "s.search @@ " + tsq;
        String order = scan == Scan.INDEX ? "s.post_id + 0" : "s.post_id";
        return "SELECT s.post_id AS id, ts_rank(s.search, " + tsq + ") AS rank FROM " + from
                + PostSearch.whereClause(PostSearch.filters(query, match)) + bounds + " ORDER BY " + order + " DESC" + limit;
    }

    /**
     * Ranks the first {@code :span} of {@code candidates} (newest first, {@code :firstRow} matches
     * skipped before them) in blocks of {@value #BLOCK}, and returns {@code limit} rows after
     * {@code skip} in block order (and after the cursor's row: {@code after}), each with its
     * block's id range and the number of candidates fetched.
     */
    private static List<Ranked> run(Handle handle, PostQuery query, Scan scan, String candidates, String after, int limit, long skip,
                                    Consumer<Query> bind) {
        // The candidates carry their ids and ranks, ranked in the scan that found them, where
        // their rows are at hand (read again by address, the ranked ones would cost a buffer more
        // each); the ranks, not the vectors, are then sorted. The price: a word found through the
        // GIN index is ranked whole before its sort, while a common word's walk down the ids
        // ranks only what it fetches. OFFSET 0: the candidates are all numbered and counted
        // before the :span filter.
        String sql = """
                SELECT page.rank, page.fetched, page.newest, page.oldest, page.low, page.high, p.id, p.version, p.created_at, p.title
                  FROM (SELECT w.id, w.block, w.rank, w.fetched, w.newest, w.oldest, w.low, w.high
                          FROM (SELECT r.id, r.block, r.rank, r.fetched, r.newest, r.oldest,
                                       min(r.id) OVER (PARTITION BY r.block) AS low, max(r.id) OVER (PARTITION BY r.block) AS high
                                  FROM (SELECT b.id, (:firstRow + b.n - 1) / %d AS block, b.fetched, b.newest, b.oldest, b.rank
                                          FROM (SELECT c.id, c.rank, row_number() OVER (ORDER BY c.id DESC) AS n,
                                                       count(*) OVER () AS fetched, max(c.id) OVER () AS newest, min(c.id) OVER () AS oldest
                                                  FROM (%s) c OFFSET 0) b
                                         WHERE b.n <= :span
                                        OFFSET 0) r) w
                         %s
                         ORDER BY w.block, w.rank DESC, w.id DESC
                         LIMIT %d OFFSET :skip) page
                  JOIN posts p ON p.id = page.id
                 ORDER BY page.block, page.rank DESC, p.id DESC
                """.formatted(BLOCK, candidates, after == null ? "" : "WHERE " + after, limit);
        Query statement = handle.createQuery(sql);
        return ranked(scan == Scan.PLANNED ? customPlan(statement) : statement, query, skip, bind);
    }

    private static List<Ranked> ranked(Query statement, PostQuery query, long skip, Consumer<Query> bind) {
        PostSearch.bindFilters(statement, query).bind("skip", skip);
        bind.accept(statement);
        return statement.map((rs, ctx) -> new Ranked(
                new PostKey(rs.getLong("id"), rs.getLong("version"), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getString("title"), rs.getFloat("rank")),
                rs.getLong("low"), rs.getLong("high"), rs.getLong("fetched"), rs.getLong("newest"), rs.getLong("oldest"))).list();
    }

    /**
     * Planned for its own words each time, never prepared: a common word's best plan walks the ids
     * backwards, a rare one's reads the GIN index, and the one generic plan PostgreSQL settles on
     * after five executions of a prepared statement would do one of them for every word. For a
     * search {@link RankingScans} has no choice for yet, and for its count. With a choice, the
     * statement's text leaves one plan whatever the words, and PostgreSQL settles on it (its
     * generic plan costs no more than the custom ones it tries first), so it is planned no more.
     */
    static Query customPlan(Query statement) {
        return statement.addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement stmt, StatementContext ctx) throws SQLException {
                stmt.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
        });
    }

    private static PostCursor cursorAfter(Ranked last) {
        return new PostCursor(PostSort.RELEVANCE, last.key().id(), new Bounds(last.key().rank(), last.low(), last.high()).key());
    }

    /** A relevance cursor's key: the last row's rank and its block's id range, "rank,low,high". */
    private record Bounds(float rank, long low, long high) {
        String key() {
            return rank + "," + low + "," + high;
        }

        static Bounds of(PostCursor cursor) {
            String[] parts = cursor.key().split(",");
            try {
                if (parts.length == 3) {
                    return new Bounds(Float.parseFloat(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new InvalidException("cursor", "is not a cursor this server issued");
        }
    }
}
