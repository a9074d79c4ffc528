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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A read of at most one row by a named statement, run with plain JDBC on a connection borrowed
 * from the pool, for the hottest single-row reads. Through Jdbi, one such read opened a handle
 * and a statement, each a copy of Jdbi's whole configuration, looked its argument's factory up,
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

    private final StatementNames.Name name;
    private final String sql;
    private final List<String> parameters;
    private final int parameterCount;
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

    private DirectQuery(StatementNames.Name name, String sql, List<String> parameters, RowReader<T> reader) {
        this.name = name;
        this.sql = sql;
        this.parameters = parameters;
        this.parameterCount = parameters.size();
        this.reader = reader;
    }

    /**
     * The statement {@code sql} (with {@code :name} parameters, as Jdbi takes them) named
     * {@code type.method}, its row read by {@code reader}.
     */
    public static <T> DirectQuery<T> of(Class<?> type, String method, String sql, RowReader<T> reader) {
        StatementNames.Name name = new StatementNames.Name(type, method);
        ParsedSql parsed = new ColonPrefixSqlParser().parse(sql, null);
        return new DirectQuery<>(name, name.comment() + parsed.getSql(), parsed.getParameters().getParameterNames(), reader);
    }

    /** The SQL sent to PostgreSQL, comment included. */
    public String sql() {
        return sql;
    }

    /**
     * The row for {@code values} (bound to the parameters in the order they appear in the SQL),
     * if there is one; more than one is a bug ({@link IllegalStateException}).
     */
    public Optional<T> findOne(Jdbi jdbi, Object... values) {
        if (values.length != parameterCount) {
            throw new IllegalArgumentException(name + " takes " + parameters + ", given " + values.length + " values");
        }
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
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
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
