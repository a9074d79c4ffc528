package dev.inkwell.persistence;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Totals of lists: counted exactly up to {@value #COUNTED} rows, beyond that the planner's
 * estimate of the same query (from EXPLAIN, which runs nothing), kept a short while per key
 * ({@code K}: what selects the rows), in this process. Counting a large list on every page
 * request costs a scan of its rows, more than the page itself; the estimate is an estimate anyway (and says so), so while it is kept no
 * counting statement runs at all. Exact totals are never kept: a write must show in them at once.
 * At most {@code maxEntries} keys are kept, the least recently used go first ({@link Memo}).
 */
public final class Estimates<K> {
    /** Rows beyond this many are estimated, not counted. */
    public static final long COUNTED = 1_000;
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*(\\d+)");

    private final Memo<K, Long> kept;

    /** A list's total; an estimate of at least {@link #COUNTED} + 1 rows unless {@code exact}. */
    public record Total(long rows, boolean exact) {
    }

    public Estimates(Duration ttl, int maxEntries, LongSupplier nanoTime) {
        this.kept = new Memo<>(ttl, maxEntries, nanoTime);
    }

    /** The estimate kept for the key, or null. */
    public Long get(K key) {
        return kept.get(key);
    }

    void put(K key, long rows) {
        kept.put(key, rows);
    }

    /**
     * The number of rows {@code matches} (a SELECT, its values bound by {@code bind}) selects: the
     * kept estimate, or counted (one statement), or beyond {@link #COUNTED} estimated (one more).
     */
    public Total total(Handle handle, K key, String matches, UnaryOperator<Query> bind) {
        Long estimate = get(key);
        if (estimate != null) {
            return new Total(estimate, false);
        }
        long counted = bind.apply(handle.createQuery(cappedCount(matches))).mapTo(Long.class).one();
        return fromCount(handle, key, counted, matches, bind);
    }

    /**
     * A total from a count already made with {@link #cappedCount} (e.g. in the statement of the
     * page itself): exact up to {@link #COUNTED}, else estimated and kept.
     */
    public Total fromCount(Handle handle, K key, long counted, String matches, UnaryOperator<Query> bind) {
        if (counted <= COUNTED) {
            return new Total(counted, true);
        }
        String plan = bind.apply(handle.createQuery("EXPLAIN (FORMAT JSON) " + matches)).mapTo(String.class).one();
        Matcher rows = PLAN_ROWS.matcher(plan);
        long estimate = Math.max(rows.find() ? Long.parseLong(rows.group(1)) : counted, counted);
        put(key, estimate);
        return new Total(estimate, false);
    }

    /** A statement counting the rows of {@code matches}, but no more than {@link #COUNTED} + 1 of them. */
    public static String cappedCount(String matches) {
        return "SELECT count(*) FROM (" + matches + " LIMIT " + (COUNTED + 1) + ") m";
    }
}
