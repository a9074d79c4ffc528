package dev.inkwell.persistence;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.persistence.Estimates.Total;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Offset pages of a whole table (users, categories, tags) in one statement per page, on Jdbi's
 * core API (as {@code PostReads}, without the SqlObject machinery a DAO call attaches). The page's
 * statement carries the table's total in a column {@code total}: counted, up to
 * {@link Estimates#COUNTED} + 1 rows, in the same statement while the table is small enough to
 * count; left out while an estimate is kept for a larger table ({@link Estimates}). So a page is one
 * statement; only the first page after the estimate expires asks the planner again.
 *
 * <p>A page's SQL has one {@code %s} where the total's expression goes (a column of the page's
 * rows, null on rows that carry none) and binds {@code :limit} and {@code :offset}.
 */
public final class TablePages {
    /** How long a table's estimated total is kept; as for lists of posts. */
    static final Duration ESTIMATES_KEPT = Duration.ofSeconds(10);

    private final Jdbi jdbi;
    private final Class<?> owner;
    private final String table;
    private final String counted;
    private final String uncounted;
    private final Estimates<String> estimates;

    /** The page's rows and the table's total. */
    public record Rows<R>(List<R> rows, Total total) {
    }

    public TablePages(Jdbi jdbi, Class<?> owner, String table, String pageSql) {
        this(jdbi, owner, table, pageSql, new Estimates<>(ESTIMATES_KEPT, 1, System::nanoTime));
    }

    public TablePages(Jdbi jdbi, Class<?> owner, String table, String pageSql, Estimates<String> estimates) {
        this.jdbi = jdbi;
        this.owner = owner;
        this.table = table;
        this.counted = pageSql.formatted("(" + Estimates.cappedCount(matches()) + ")");
        this.uncounted = pageSql.formatted("NULL::bigint");
        this.estimates = estimates;
    }

    private String matches() {
        return "SELECT 1 FROM " + table;
    }

    /** The requested page, its rows mapped by {@code mapper} (one item a row). */
    public <R> Page<R> page(PageRequest request, RowMapper<R> mapper) {
        Rows<R> found = read(request, mapper);
        return new Page<>(found.rows(), found.total().rows(), found.total().exact(), request.page(), request.perPage(), null);
    }

    /** The rows of the requested page, mapped by {@code mapper}, with the table's total. */
    public <R> Rows<R> read(PageRequest request, RowMapper<R> mapper) {
        return StatementNames.use(jdbi, owner, "page", handle -> {
            Long kept = estimates.get(table);
            Long[] total = {null};
            List<R> rows = handle.createQuery(kept == null ? counted : uncounted)
                    .bind("limit", request.perPage())
                    .bind("offset", request.offset())
                    .map((rs, ctx) -> {
                        long n = rs.getLong("total");
                        if (!rs.wasNull()) {
                            total[0] = n;
                        }
                        return mapper.map(rs, ctx);
                    })
                    .list();
            UnaryOperator<Query> nothing = q -> q;
            Total found = kept != null ? new Total(kept, false)
                    // A page past the last has no row to carry the count.
                    : total[0] == null ? estimates.total(handle, table, matches(), nothing)
                    : estimates.fromCount(handle, table, total[0], matches(), nothing);
            return new Rows<>(rows, found);
        });
    }
}
