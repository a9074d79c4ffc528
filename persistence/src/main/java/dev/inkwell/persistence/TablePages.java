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
 * Pages of a table (users, categories, tags; or a search of one) in one statement per page, on
 * Jdbi's core API (as {@code PostReads}, without the SqlObject machinery a DAO call attaches): by number (an
 * offset) or after a {@link TableCursor} (keyset, as cheap at any depth). The page's statement
 * carries the table's total in a column {@code total}: counted, up to {@link Estimates#COUNTED} + 1
 * rows, in the same statement while the table is small enough to count; left out while an
 * estimate is kept for a larger table ({@link Estimates}). So a page is one statement; only the
 * first page after the estimate expires asks the planner again. Both kinds of page read one row
 * more than they show: that row, when it comes, says a next page exists, and every page but the
 * last carries the cursor of its last row (a page by number too, so a client can switch to cursors).
 *
 * <p>A page's SQL has two {@code %s}: where the total's expression goes (a column of the page's
 * rows, null on rows that carry none), then where the {@code WHERE} clause goes (the list's
 * condition and the keyset condition, or nothing), in the statement that orders the table by
 * ({@code sortKey}, id), or by {@code sortKey} alone where it is unique, and binds {@code :limit}
 * and {@code :offset}. Each of the page's own rows carries its id as {@code cursor_id} and, when
 * the table has a sort key, that key as the database computed it as {@code cursor_key} (so a
 * cursor compares as the statement orders); rows that are not the page's own (a category's
 * children) carry a null {@code cursor_id}.
 *
 * <p>A list may be part of a table (a search): a condition over its rows, whose values each
 * request binds ({@link Where}); its total is counted (or estimated and kept) per those values,
 * and its cursors carry a list name of its own, so that a cursor of the whole table is refused by
 * it and the other way round.
 */
public final class TablePages {
    /** How long a table's estimated total is kept; as for lists of posts. */
    public static final Duration ESTIMATES_KEPT = Duration.ofSeconds(10);

    private final Jdbi jdbi;
    private final Class<?> owner;
    private final String list;
    private final String table;
    private final String condition;
    private final boolean keyed;
    private final String counted;
    private final String uncounted;
    private final String countedAfter;
    private final String uncountedAfter;
    private final Estimates<String> estimates;

    /** The page's rows (the page's own and any others its statement returned), the table's total, and the next page's cursor or null. */
    public record Rows<R>(List<R> rows, Total total, String nextCursor) {
    }

    /** The rows of a list that are part of a table: {@code bind} binds its condition's values, {@code name} names them (their kept estimate's key). */
    public record Where(String name, UnaryOperator<Query> bind) {
        /** The whole table's: nothing to bind. */
        static final Where ALL = new Where("", q -> q);
    }

    /** {@code sortKey}: the SQL expression the table is ordered by before its id, or null when by id alone. */
    public TablePages(Jdbi jdbi, Class<?> owner, String table, String pageSql, String sortKey) {
        this(jdbi, owner, table, pageSql, sortKey, new Estimates<>(ESTIMATES_KEPT, 1, System::nanoTime));
    }

    public TablePages(Jdbi jdbi, Class<?> owner, String table, String pageSql, String sortKey, Estimates<String> estimates) {
        this(jdbi, owner, table, table, null, pageSql, sortKey, estimates);
    }

    /**
     * The list {@code list} of the rows of {@code table} that {@code condition} chooses (SQL over
     * the table's columns; a {@link Where} binds its values to each request's).
     */
    public TablePages(Jdbi jdbi, Class<?> owner, String list, String table, String condition, String pageSql, String sortKey,
                      Estimates<String> estimates) {
        this.jdbi = jdbi;
        this.owner = owner;
        this.list = list;
        this.table = table;
        this.condition = condition;
        this.keyed = sortKey != null;
        String count = "(" + Estimates.cappedCount(matches()) + ")";
        String keyset = keyed ? "(" + sortKey + ", id) > (:afterKey, :afterId)" : "id > :afterId";
        String where = condition == null ? "" : "WHERE " + condition;
        String after = (condition == null ? "WHERE " : where + " AND ") + keyset;
        this.counted = pageSql.formatted(count, where);
        this.uncounted = pageSql.formatted("NULL::bigint", where);
        this.countedAfter = pageSql.formatted(count, after);
        this.uncountedAfter = pageSql.formatted("NULL::bigint", after);
        this.estimates = estimates;
    }

    private String matches() {
        return "SELECT 1 FROM " + table + (condition == null ? "" : " WHERE " + condition);
    }

    /** The requested page, its rows mapped by {@code mapper} (one item a row). */
    public <R> Page<R> page(PageRequest request, RowMapper<R> mapper) {
        return page(request, Where.ALL, mapper);
    }

    /** The requested page of the rows {@code where} chooses. */
    public <R> Page<R> page(PageRequest request, Where where, RowMapper<R> mapper) {
        return toPage(read(request, where, mapper), request.page(), request.perPage());
    }

    /** The page after {@code cursor} (of {@code perPage} rows), its rows mapped by {@code mapper}. */
    public <R> Page<R> pageAfter(String cursor, int perPage, RowMapper<R> mapper) {
        return pageAfter(cursor, perPage, Where.ALL, mapper);
    }

    /** The page after {@code cursor} of the rows {@code where} chooses. */
    public <R> Page<R> pageAfter(String cursor, int perPage, Where where, RowMapper<R> mapper) {
        return toPage(readAfter(cursor, perPage, where, mapper), null, perPage);
    }

    /** A page of {@code found}; {@code page}: its number, null for a page after a cursor. */
    private static <R> Page<R> toPage(Rows<R> found, Integer page, int perPage) {
        return new Page<>(found.rows(), found.total().rows(), found.total().exact(), page, perPage, found.nextCursor());
    }

    /** The rows of the requested page, mapped by {@code mapper}, with the table's total and the next cursor. */
    public <R> Rows<R> read(PageRequest request, RowMapper<R> mapper) {
        return read(request, Where.ALL, mapper);
    }

    private <R> Rows<R> read(PageRequest request, Where where, RowMapper<R> mapper) {
        return StatementNames.use(jdbi, owner, "page", handle ->
                read(handle, where, q -> q.bind("offset", request.offset()), false, request.perPage(), mapper));
    }

    /**
     * The rows of the page after {@code cursor} (as a client sent it), mapped by {@code mapper},
     * with the table's total and the next cursor: a 422 naming {@code cursor} for a cursor this
     * server did not issue for this list.
     */
    public <R> Rows<R> readAfter(String cursor, int perPage, RowMapper<R> mapper) {
        return readAfter(cursor, perPage, Where.ALL, mapper);
    }

    private <R> Rows<R> readAfter(String cursor, int perPage, Where where, RowMapper<R> mapper) {
        TableCursor after = TableCursor.decode(cursor, list);
        // A NUL is no key the database computed, and PostgreSQL refuses it in a value.
        if (keyed != (after.key() != null) || keyed && after.key().indexOf('\u0000') >= 0) {
            throw new InvalidException("cursor", "is not a cursor this server issued for this list");
        }
        UnaryOperator<Query> bind = q -> {
            q.bind("offset", 0).bind("afterId", after.id());
            return keyed ? q.bind("afterKey", after.key()) : q;
        };
        return StatementNames.use(jdbi, owner, "page", handle -> read(handle, where, bind, true, perPage, mapper));
    }

    private <R> Rows<R> read(Handle handle, Where where, UnaryOperator<Query> bind, boolean after, int perPage, RowMapper<R> mapper) {
        Long kept = estimates.get(where.name());
        Scan scan = new Scan(perPage);
        Query query = handle.createQuery(kept == null ? (after ? countedAfter : counted) : (after ? uncountedAfter : uncounted));
        List<R> rows = where.bind().apply(bind.apply(query))
                .bind("limit", perPage + 1)
                .map((rs, ctx) -> {
                    long n = rs.getLong("total");
                    if (!rs.wasNull()) {
                        scan.total = n;
                    }
                    long id = rs.getLong("cursor_id");
                    scan.row(rs.wasNull() ? null : new TableCursor(list, id, keyed ? rs.getString("cursor_key") : null));
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
        Total found = kept != null ? new Total(kept, false)
                // A page past the last has no row to carry the count.
                : scan.total == null ? estimates.total(handle, where.name(), matches(), where.bind())
                : estimates.fromCount(handle, where.name(), scan.total, matches(), where.bind());
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
