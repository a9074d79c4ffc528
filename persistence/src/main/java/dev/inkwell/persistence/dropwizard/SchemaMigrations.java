package dev.inkwell.persistence.dropwizard;

import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.DatabaseConfiguration;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.migrations.DbCommand;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import net.sourceforge.argparse4j.inf.Namespace;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Adds Dropwizard's {@code db} commands (migrate, status, rollback, test, ...) for the one
 * schema to an application.
 *
 * <p>Each command first takes a PostgreSQL advisory lock, so several instances migrating at
 * once run one after another. Liquibase's own lock table alone is not enough: on a new
 * database, a second migrator that waited for that lock still tries to create Liquibase's
 * changelog table and fails. Commands also lift the application's statement and socket
 * timeouts, which would cut off a long index build.
 */
public final class SchemaMigrations<T extends StorageConfiguration> implements ConfiguredBundle<T>, DatabaseConfiguration<T> {
    /** Where the changelog lives on the classpath; its path is part of every applied change's identity. */
    public static final String CHANGELOG = "db/changelog.xml";
    /** The advisory lock key for schema changes ("inkwell" in ASCII). */
    static final long LOCK_KEY = dev.inkwell.persistence.AdvisoryLock.SCHEMA_MIGRATIONS.key();

    private final Class<T> configurationClass;

    public SchemaMigrations(Class<T> configurationClass) {
        this.configurationClass = configurationClass;
    }

    @Override
    public void initialize(Bootstrap<?> bootstrap) {
        bootstrap.addCommand(new SerializedDbCommand<>(this, configurationClass));
    }

    /**
     * The direct database (the session lock and settings below would be lost behind a pooler in
     * transaction mode), without the driver's socket timeout: that bounds a request at a minute,
     * and a migration may rightly run for minutes (011 rewrites every post's vector). A copy, so
     * the application's own section keeps its bound (and Dropwizard's single-connection setting).
     */
    @Override
    public PooledDataSourceFactory getDataSourceFactory(T configuration) {
        return configuration.getDirectDatabase().withoutSocketTimeout();
    }

    /** {@code db ...}, run while holding the schema lock on Liquibase's own connection. */
    private static final class SerializedDbCommand<T extends Configuration> extends DbCommand<T> {
        SerializedDbCommand(DatabaseConfiguration<T> strategy, Class<T> configurationClass) {
            super("db", strategy, configurationClass, CHANGELOG);
        }

        @Override
        public void run(Namespace namespace, Liquibase liquibase) throws Exception {
            Connection connection = ((JdbcConnection) liquibase.getDatabase().getConnection()).getUnderlyingConnection();
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true); // session settings and the session lock outlive Liquibase's transactions
            execute(connection, "SET statement_timeout = 0");
            execute(connection, "SET lock_timeout = '10min'"); // the longest wait for another migrator
            execute(connection, "SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            execute(connection, "SET lock_timeout = '30s'");   // DDL waiting behind live traffic gives up
            connection.setAutoCommit(autoCommit);
            try {
                super.run(namespace, liquibase);
            } finally {
                connection.setAutoCommit(true);
                execute(connection, "SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
            }
        }

        private static void execute(Connection connection, String sql) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
