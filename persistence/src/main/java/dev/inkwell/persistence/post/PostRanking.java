package dev.inkwell.persistence.post;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.post.PostCursor;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.PostSort;
import dev.inkwell.persistence.Estimates;
import dev.inkwell.persistence.Estimates.Total;
import dev.inkwell.persistence.post.RankingScans.Choice;
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
     * {@link #page} with the scan {@code scans} keep for the query; or planned. The run tells them
     * how many posts the search matches (see {@link RankingScans#record}).
     */
    static Page<PostKey> page(Handle handle, PostQuery query, PageRequest request, Estimates<PostQuery> estimates, RankingScans scans) {
        RankingScans.Kept kept = scans.lookUp(query);
        Ranking ranking = ranking(handle, query, request, estimates, kept.choice());
        scans.record(handle, query, kept, ranking.sample());
        return ranking.page();
    }

    /** {@link #page} with its candidates found as {@code choice} says. */
    static Page<PostKey> page(Handle handle, PostQuery query, PageRequest request, Estimates<PostQuery> estimates, Choice choice) {
        return ranking(handle, query, request, estimates, choice).page();
    }

    /** A page, and what its statement saw of the matches (null if it fetched none). */
    private record Ranking(Page<PostKey> page, RankingScans.Sample sample) {
    }

    private static Ranking ranking(Handle handle, PostQuery query, PageRequest request, Estimates<PostQuery> estimates, Choice choice) {
        long offset = request.offset();
        long first = offset / BLOCK * BLOCK;
        // The blocks that hold this page's rows and the one after its last (whether a next page exists).
        long span = (offset + request.perPage()) / BLOCK * BLOCK + BLOCK - first;
        Long kept = estimates.get(query);
        long fetch = kept != null ? span : Math.max(span, PostCounts.COUNTED + 1);
        Long from = choice.from(choice.newest(), first + fetch);
        List<Ranked> rows = firstBlocks(handle, query, choice.scan(), from, first, fetch, span, request.perPage() + 1, offset - first);
        if (from != null && (rows.isEmpty() || rows.get(0).fetched() < fetch)) {
            // Fewer matches in the newest eras than the page needs: those below them may be its rows.
            rows = firstBlocks(handle, query, choice.scan(), null, first, fetch, span, request.perPage() + 1, offset - first);
        }
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
     * The {@code limit} rows after {@code skip} of the candidates after the first {@code first}
     * ({@code fetch} of them, the first {@code span} ranked in blocks); from the eras from the id
     * {@code from} up (null: all).
     */
    private static List<Ranked> firstBlocks(Handle handle, PostQuery query, Scan scan, Long from, long first, long fetch, long span,
                                            int limit, long skip) {
        // The offset is written out (a long): bound, the plan prepared for every offset assumes it skips a tenth of the rows.
        String eras = from == null ? "" : RankingCandidates.inEras("SELECT max(post_id) FROM post_search");
        String candidates = RankingCandidates.candidates(query, scan, eras, " OFFSET " + first + " LIMIT " + fetch);
        return run(handle, query, scan, candidates, null, limit, skip, from, q -> q.bind("span", span).bind("firstRow", first));
    }

    /**
     * The {@code perPage} matches after the cursor's row: the rest of its block, then the next. A
     * cursor's page takes the scan kept for its search, or is planned (and leaves no choice: a first page does).
     */
    static Page<PostKey> after(Handle handle, PostQuery query, PostCursor cursor, int perPage, Estimates<PostQuery> estimates) {
        return after(handle, query, cursor, perPage, estimates, RankingScans.CHOICES.choice(query));
    }

    /**
     * {@link #after} with its candidates found as {@code choice} says: through the index, a search
     * that matches more than a block reads the cursor's block from its own eras, and the next
     * block from the eras below that should hold it (from all of them if those do not).
     */
    static Page<PostKey> after(Handle handle, PostQuery query, PostCursor cursor, int perPage, Estimates<PostQuery> estimates,
                               Choice choice) {
        RankedBlock bounds = RankedBlock.of(cursor);
        Scan scan = choice.scan();
        Long from = choice.erasFor(BLOCK) ? bounds.low() : null;
        String block = RankingCandidates.candidates(query, scan, " AND s.post_id BETWEEN :low AND :high"
                + (from == null ? "" : RankingCandidates.inEras(":high")), " LIMIT " + BLOCK);
        List<Ranked> rows = new ArrayList<>(run(handle, query, scan, block, "(w.rank, w.id) < (:afterKey, :afterId)", perPage + 1, 0,
                from, q -> q.bind("low", bounds.low()).bind("high", bounds.high()).bind("afterKey", bounds.rank())
                        .bind("afterId", cursor.id()).bind("firstRow", 0L).bind("span", (long) BLOCK)));
        if (rows.size() <= perPage) {
            // The block ends on this page: the next one starts below it.
            Long below = choice.erasFor(BLOCK) ? choice.lowest(bounds.low() - 1, BLOCK) : null;
            rows.addAll(nextBlock(handle, query, scan, below, bounds.low(), perPage + 1 - rows.size()));
        }
        return PostPages.of(rows, Ranked::key, PostCounts.count(handle, query, estimates), null, perPage, PostRanking::cursorAfter);
    }

    /**
     * The first {@code limit} rows of the block below the id {@code low}, from the eras from the id
     * {@code from} up (null: all); from all of them if those above the first hold less than a block.
     */
    private static List<Ranked> nextBlock(Handle handle, PostQuery query, Scan scan, Long from, long low, int limit) {
        String eras = from == null ? "" : RankingCandidates.inEras(":low - 1");
        String next = RankingCandidates.candidates(query, scan, " AND s.post_id < :low" + eras, " LIMIT " + BLOCK);
        List<Ranked> rows = run(handle, query, scan, next, null, limit, 0, from,
                q -> q.bind("low", low).bind("firstRow", 0L).bind("span", (long) BLOCK));
        if (from != null && RankingCandidates.era(from) > 0 && (rows.isEmpty() || rows.get(0).fetched() < BLOCK)) {
            return nextBlock(handle, query, scan, null, low, limit);
        }
        return rows;
    }

    /**
     * Ranks the first {@code :span} of {@code candidates} (newest first, {@code :firstRow} matches
     * skipped before them) in blocks of {@value #BLOCK}, and returns {@code limit} rows after
     * {@code skip} in block order (and after the cursor's row: {@code after}), each with its
     * block's id range and the number of candidates fetched. {@code from}: the lowest id of the
     * eras the candidates are read from ({@link RankingCandidates#inEras}), or null.
     */
    private static List<Ranked> run(Handle handle, PostQuery query, Scan scan, String candidates, String after, int limit, long skip,
                                    Long from, Consumer<Query> bind) {
        // The candidates carry their ids and ranks, ranked in the scan that found them, where
        // their rows are at hand (read again by address, the ranked ones would cost a buffer more
        // each); the ranks, not the vectors, are then sorted. The price: the GIN index's
        // candidates are all ranked before their sort (as many as the eras read hold), a
        // common word's walk down the ids ranks only what it fetches. OFFSET 0: the candidates
        // are all numbered and counted before the :span filter.
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
        if (from != null) {
            statement.bind("eraFrom", RankingCandidates.era(from));
        }
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
        return new PostCursor(PostSort.RELEVANCE, last.key().id(), new RankedBlock(last.key().rank(), last.low(), last.high()).key());
    }
}
