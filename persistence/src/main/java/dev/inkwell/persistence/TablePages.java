package dev.inkwell.persistence;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.TableCursor;
import dev.inkwell.persistence.Estimates.Total;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Pages of a whole table (users, categories, tags) in one statement per page, on Jdbi's core API
 * (as {@code PostReads}, without the SqlObject machinery a DAO call attaches): by number (an
 * offset) or after a {@link TableCursor} (keyset, as cheap at any depth). The page's statement
 * carries the table's total in a column {@code total}: counted, up to {@link Estimates#COUNTED} + 1
 * rows, in the same statement while the table is small enough to count; left out while an
 * estimate is kept for a larger table ({@link Estimates}). So a page is one statement; only the
 * first page after the estimate expires asks the planner again. Both kinds of page read one row
 * more than they show: that row, when it comes, says a next page exists, and every page but the
 * last carries the cursor of its last row (a page by number too, so a client can switch to cursors).
 *
 * <p>A page's SQL has two {@code %s}: where the total's expression goes (a column of the page's
 * rows, null on rows that carry none), then where the keyset condition goes (a {@code WHERE}
 * clause, or nothing), in the statement that orders the table by ({@code sortKey}, id) and binds
 * {@code :limit} and {@code :offset}. Each of the page's own rows carries its id as
 * {@code cursor_id} and, when the table has a sort key, that key as the database computed it as
 * {@code cursor_key} (so a cursor compares as the statement orders); rows that are not the page's
 * own (a category's children) carry a null {@code cursor_id}.
 */
public final class TablePages {
    /** How long a table's estimated total is kept; as for lists of posts. */
    static final Duration ESTIMATES_KEPT = Duration.ofSeconds(10);

    private final Jdbi jdbi;
    private final Class<?> owner;
    private final String table;
    private final boolean keyed;
    private final String counted;
    private final String uncounted;
    private final String countedAfter;
    private final String uncountedAfter;
    private final Estimates<String> estimates;

    /** The page's rows (the page's own and any others its statement returned), the table's total, and the next page's cursor or null. */
    public record Rows<R>(List<R> rows, Total total, String nextCursor) {
    }

    /** {@code sortKey}: the SQL expression the table is ordered by before its id, or null when by id alone. */
    public TablePages(Jdbi jdbi, Class<?> owner, String table, String pageSql, String sortKey) {
        this(jdbi, owner, table, pageSql, sortKey, new Estimates<>(ESTIMATES_KEPT, 1, System::nanoTime));
    }

    public TablePages(Jdbi jdbi, Class<?> owner, String table, String pageSql, String sortKey, Estimates<String> estimates) {
        this.jdbi = jdbi;
        this.owner = owner;
        this.table = table;
        this.keyed = sortKey != null;
        String count = "(" + Estimates.cappedCount(matches()) + ")";
        String after = keyed ? "WHERE (" + sortKey + ", id) > (:afterKey, :afterId)" : "WHERE id > :afterId";
        this.counted = pageSql.formatted(count, "");
        this.uncounted = pageSql.formatted("NULL::bigint", "");
        this.countedAfter = pageSql.formatted(count, after);
        this.uncountedAfter = pageSql.formatted("NULL::bigint", after);
        this.estimates = estimates;
    }

    private String matches() {
        return "SELECT 1 FROM " + table;
    }

    /** The requested page, its rows mapped by {@code mapper} (one item a row). */
    public <R> Page<R> page(PageRequest request, RowMapper<R> mapper) {
        return toPage(read(request, mapper), request.page(), request.perPage());
    }

    /** The page after {@code cursor} (of {@code perPage} rows), its rows mapped by {@code mapper}. */
    public <R> Page<R> pageAfter(String cursor, int perPage, RowMapper<R> mapper) {
        return toPage(readAfter(cursor, perPage, mapper), null, perPage);
    }

    /** A page of {@code found}; {@code page}: its number, null for a page after a cursor. */
    private static <R> Page<R> toPage(Rows<R> found, Integer page, int perPage) {
        return new Page<>(found.rows(), found.total().rows(), found.total().exact(), page, perPage, found.nextCursor());
    }

    /** The rows of the requested page, mapped by {@code mapper}, with the table's total and the next cursor. */
    public <R> Rows<R> read(PageRequest request, RowMapper<R> mapper) {
        return StatementNames.use(jdbi, owner, "page", handle ->
                read(handle, q -> q.bind("offset", request.offset()), false, request.perPage(), mapper));
    }

    /**
     * The rows of the page after {@code cursor} (as a client sent it), mapped by {@code mapper},
     * with the table's total and the next cursor: a 422 naming {@code cursor} for a cursor this
     * server did not issue for this table.
     */
    public <R> Rows<R> readAfter(String cursor, int perPage, RowMapper<R> mapper) {
        TableCursor after = TableCursor.decode(cursor, table);
        if (keyed != (after.key() != null)) {
            throw new InvalidException("cursor", "is not a cursor this server issued for this list");
        }
        UnaryOperator<Query> bind = q -> {
            q.bind("offset", 0).bind("afterId", after.id());
            return keyed ? q.bind("afterKey", after.key()) : q;
        };
        return StatementNames.use(jdbi, owner, "page", handle -> read(handle, bind, true, perPage, mapper));
    }

    private <R> Rows<R> read(Handle handle, UnaryOperator<Query> bind, boolean after, int perPage, RowMapper<R> mapper) {
        Long kept = estimates.get(table);
        Scan scan = new Scan(perPage);
        List<R> rows = bind.apply(handle.createQuery(kept == null ? (after ? countedAfter : counted) : (after ? uncountedAfter : uncounted)))
                .bind("limit", perPage + 1)
                .map((rs, ctx) -> {
                    long n = rs.getLong("total");
                    if (!rs.wasNull()) {
                        scan.total = n;
                    }
                    long id = rs.getLong("cursor_id");
                    scan.row(rs.wasNull() ? null : new TableCursor(table, id, keyed ? rs.getString("cursor_key") : null));
                    return mapper.map(rs, ctx);
                })
                .list();
        String next = null;
        if (scan.beyond >= 0) {
            // The row beyond the page only says that a next page exists: it is not shown.
            rows = new ArrayList<>(rows);
            rows.remove(scan.beyond);
            next = scan.last.encode();
        }
        UnaryOperator<Query> nothing = q -> q;
        Total found = kept != null ? new Total(kept, false)
                // A page past the last has no row to carry the count.
                : scan.total == null ? estimates.total(handle, table, matches(), nothing)
                : estimates.fromCount(handle, table, scan.total, matches(), nothing);
        return new Rows<>(rows, found, next);
    }

    /** What a page's rows tell besides their items: the total, the cursor of the page's last own row, the row beyond the page. */
    private static final class Scan {
        private final int perPage;
        private Long total;
        private int index;
        private int own;
        private TableCursor last;
        private int beyond = -1;

        Scan(int perPage) {
            this.perPage = perPage;
        }

        /** The next row of the statement: its cursor when it is one of the page's own rows, else null. */
        void row(TableCursor cursor) {
            if (cursor != null) {
                own++;
                if (own <= perPage) {
                    last = cursor;
                } else if (beyond < 0) {
                    beyond = index;
                }
            }
            index++;
        }
    }
}
