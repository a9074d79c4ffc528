package dev.inkwell.persistence;

import com.codahale.metrics.MetricRegistry;
import org.jdbi.v3.core.config.JdbiConfig;

import javax.sql.DataSource;
import java.util.function.Consumer;

/**
 * What a {@link DirectQuery} run on a Jdbi needs besides it, kept in that Jdbi's configuration:
 * the pool to borrow connections from (without it, a handle's connection), the registry its
 * statements are timed in (the timers Jdbi's statement logger keeps for the others; without it,
 * none, as such a Jdbi times none), and, for tests that count statements, who to tell the SQL
 * of each one. {@link DatabaseFactory#open} sets the pool and the registry.
 */
public final class DirectStatements implements JdbiConfig<DirectStatements> {
    private volatile DataSource dataSource;
    private volatile MetricRegistry metrics;
    private volatile Consumer<String> observer;

    public DirectStatements() {
    }

    private DirectStatements(DirectStatements other) {
        this.dataSource = other.dataSource;
        this.metrics = other.metrics;
        this.observer = other.observer;
    }

    /** Direct statements borrow their connections from {@code pool}. */
    public DirectStatements connections(DataSource pool) {
        this.dataSource = pool;
        return this;
    }

    /** Direct statements are timed in {@code registry}, under their names ({@link StatementNames}). */
    public DirectStatements timers(MetricRegistry registry) {
        this.metrics = registry;
        return this;
    }

    /** {@code sql} is told the SQL of every direct statement before it runs; null: nobody is. */
    public DirectStatements observer(Consumer<String> sql) {
        this.observer = sql;
        return this;
    }

    DataSource dataSource() {
        return dataSource;
    }

    MetricRegistry metrics() {
        return metrics;
    }

    Consumer<String> observer() {
        return observer;
    }

    @Override
    public DirectStatements createCopy() {
        return new DirectStatements(this);
    }
}
