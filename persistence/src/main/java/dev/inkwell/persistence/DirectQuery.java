package dev.inkwell.persistence;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A statement that answers at most one row, run with plain JDBC on a connection borrowed from
 * the pool, for the hottest single-row reads and one-statement writes (in autocommit: no
 * transaction to begin and commit), or on a handle's connection, in its transaction if one is
 * open. Through Jdbi, one such statement opened a handle and a statement, each a copy of Jdbi's whole configuration, looked its argument's factory up,
 * and queued and ran cleanables: more CPU than the driver's own work. Everything a client or an
 * operator sees stays as Jdbi's: the same SQL (with the {@code /* Type.method * /} comment,
 * {@link StatementNames}), the same timer, updated as Jdbi's statement logger updates it, and
 * errors translated by {@link SqlErrors} as for a handle. Where and how it is timed and told
 * about comes from the Jdbi's {@link DirectStatements}.
 */
public final class DirectQuery<T> {
    /** Reads the current row of a result set. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** A null that binds as a value of {@code sqlType} ({@link Types}) would: see {@link #nullable}. */
    private record TypedNull(int sqlType) {
    }

    private final StatementNames.Name name;
    private final String sql;
    /** What the caller passes, in order: the arguments' names, or (none named) the SQL's parameters. */
    private final List<String> arguments;
    /** For each JDBC parameter, in the order of the SQL, the index of the argument bound to it. */
    private final int[] slots;
    private final RowReader<T> reader;
    /**
     * The Jdbi this statement last ran on, with its {@link DirectStatements}, and the timer last
     * updated, with its registry: looked up again only when another Jdbi or registry comes (tests
     * run one statement on many), not per read (a hashed lookup each, 2% of an uncached read).
     */
    private volatile Bound bound;
    private volatile Timed timed;

    private record Bound(Jdbi jdbi, DirectStatements config) {
    }

    private record Timed(MetricRegistry registry, Timer timer) {
    }

    private DirectQuery(StatementNames.Name name, String sql, List<String> arguments, int[] slots, RowReader<T> reader) {
        this.name = name;
        this.sql = sql;
        this.arguments = arguments;
        this.slots = slots;
        this.reader = reader;
    }

    /**
     * The statement {@code sql} (with {@code :name} parameters, as Jdbi takes them) named
     * {@code type.method}, its row read by {@code reader}. Values are passed in the order of
     * {@code arguments}, each bound to every parameter of its name; with no arguments named, one
     * value per parameter in the order they appear in the SQL. A parameter without its argument,
     * or an argument the SQL does not use, is an {@link IllegalArgumentException} here, once.
     */
    public static <T> DirectQuery<T> of(Class<?> type, String method, String sql, RowReader<T> reader, String... arguments) {
        StatementNames.Name name = new StatementNames.Name(type, method);
        ParsedSql parsed = new ColonPrefixSqlParser().parse(sql, null);
        List<String> parameters = parsed.getParameters().getParameterNames();
        List<String> names = arguments.length == 0 ? parameters : List.of(arguments);
        int[] slots = new int[parameters.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = arguments.length == 0 ? i : names.indexOf(parameters.get(i));
            if (slots[i] < 0) {
                throw new IllegalArgumentException(name + ": parameter :" + parameters.get(i) + " is not among its arguments " + names);
            }
        }
        for (String argument : names) {
            if (!parameters.contains(argument)) {
                throw new IllegalArgumentException(name + ": argument " + argument + " is not a parameter of its SQL");
            }
        }
        return new DirectQuery<>(name, name.comment() + parsed.getSql(), names, slots, reader);
    }

    /**
     * {@code value}, or when it is null, a null that binds as a value of {@code sqlType} would: the
     * driver keeps a statement prepared for the types of its last values, so an untyped null makes
     * it prepare the statement again (a parse and plan in PostgreSQL) each time an argument turns
     * from null to a value or back.
     */
    public static Object nullable(Object value, int sqlType) {
        return value != null ? value : new TypedNull(sqlType);
    }

    /** The SQL sent to PostgreSQL, comment included. */
    public String sql() {
        return sql;
    }

    /**
     * The row for {@code values} (in the order of the arguments, see {@link #of}), if there is
     * one; more than one is a bug ({@link IllegalStateException}).
     */
    public Optional<T> findOne(Jdbi jdbi, Object... values) {
        checkCount(values);
        DirectStatements config = config(jdbi);
        DataSource pool = config.dataSource();
        if (pool == null) {
            try (Handle handle = jdbi.open()) {
                return run(handle.getConnection(), config, values);
            } catch (JdbiException e) {
                throw SqlErrors.translate(e, false);
            }
        }
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw SqlErrors.translate(new ConnectionException(e), false);
        }
        try (connection) {
            return run(connection, config, values);
        } catch (SQLException e) {
            throw failed(e); // returning the connection failed
        }
    }

    /** {@link #findOne(Jdbi, Object...)} on {@code handle}'s connection: in its transaction, if one is open. */
    public Optional<T> findOne(Handle handle, Object... values) {
        checkCount(values);
        return run(handle.getConnection(), config(handle.getJdbi()), values);
    }

    private void checkCount(Object[] values) {
        if (values.length != arguments.size()) {
            throw new IllegalArgumentException(name + " takes " + arguments + ", given " + values.length + " values");
        }
    }

    /** The Jdbi's {@link DirectStatements}: the one object its configuration holds (set up once, read at every run). */
    private DirectStatements config(Jdbi jdbi) {
        Bound b = bound;
        if (b == null || b.jdbi() != jdbi) {
            b = new Bound(jdbi, jdbi.getConfig(DirectStatements.class));
            bound = b;
        }
        return b.config();
    }

    /** The statement's timer in {@code registry}, as {@code registry.timer(name)} gives it. */
    private Timer timer(MetricRegistry registry) {
        Timed t = timed;
        if (t == null || t.registry() != registry) {
            t = new Timed(registry, registry.timer(name.metric()));
            timed = t;
        }
        return t.timer();
    }

    private Optional<T> run(Connection connection, DirectStatements config, Object[] values) {
        Consumer<String> observer = config.observer();
        if (observer != null) {
            observer.accept(sql);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < slots.length; i++) {
                Object value = values[slots[i]];
                if (value instanceof TypedNull typed) {
                    statement.setNull(i + 1, typed.sqlType());
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            try (ResultSet rows = executeTimed(statement, config.metrics())) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                T row = reader.read(rows);
                if (rows.next()) {
                    throw new IllegalStateException(name + " found more than one row");
                }
                return Optional.of(row);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Runs the statement, timed from its execution to its answer, failed or not, as Jdbi's statement logger times. */
    private ResultSet executeTimed(PreparedStatement statement, MetricRegistry metrics) throws SQLException {
        long started = System.nanoTime();
        try {
            return statement.executeQuery();
        } finally {
            if (metrics != null) {
                timer(metrics).update(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        }
    }

    private RuntimeException failed(SQLException e) {
        return SqlErrors.translate(new UnableToExecuteStatementException(name + ": " + e.getMessage(), e, null), false);
    }
}
