package dev.inkwell.persistence.testing;

import dev.inkwell.persistence.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server of a test JVM, started once: an embedded PostgreSQL 15 on a free port,
 * or the server of {@code INKWELL_TEST_DATABASE_URL} (JDBC or postgresql:// form; its user
 * needs CREATEDB). The schema is migrated once into a template database of this JVM; every
 * test gets its own database cloned from it ({@link #newDatabase()}), so tests share nothing.
 */
public final class TestPostgres {
    public static final String ENV = "INKWELL_TEST_DATABASE_URL";
    public static final String CHANGELOG = dev.inkwell.persistence.dropwizard.SchemaMigrations.CHANGELOG;

    private static TestPostgres instance;

    private final EmbeddedPostgres embedded;
    private final DatabaseUrl server;
    private final String template;
    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();

    private TestPostgres(EmbeddedPostgres embedded, DatabaseUrl server) {
        this.embedded = embedded;
        this.server = server;
        this.prefix = "inkwell_test_" + UUID.randomUUID().toString().substring(0, 8);
        this.template = prefix + "_template";
    }

    /** The server of this JVM, started (and the template migrated) on first use. */
    public static synchronized TestPostgres get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "test-postgres-stop"));
        }
        return instance;
    }

    private static TestPostgres start() {
        System.setProperty("liquibase.analytics.enabled", "false");
        String external = System.getenv(ENV);
        try {
            TestPostgres pg;
            if (external != null && !external.isBlank()) {
                pg = new TestPostgres(null, DatabaseUrl.parse(external));
            } else {
                EmbeddedPostgres embedded = startEmbedded();
                // Its superuser apart from the URL, as DatabaseUrl keeps credentials (the library's own
                // JDBC URL carries the user as a parameter).
                pg = new TestPostgres(embedded, DatabaseUrl.of("localhost", embedded.getPort(), "postgres", "postgres", null));
            }
            pg.createTemplate();
            return pg;
        } catch (IOException | SQLException | liquibase.exception.LiquibaseException e) {
            throw new IllegalStateException("cannot start the test PostgreSQL", e);
        }
    }

    /**
     * PostgreSQL must be told its port up front (it names its socket and lock files after it and
     * reports no port the kernel chose), so the library picks a free one before starting; when a
     * different process takes it in between, the start fails and another port is tried.
     */
    private static EmbeddedPostgres startEmbedded() throws IOException {
        Exception last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException | IllegalStateException e) { // pg_ctl's start failed
                last = e;
            }
        }
        throw new IOException("the embedded PostgreSQL did not start in 3 attempts", last);
    }

    /** The server's maintenance database, e.g. to create or drop databases. */
    public DatabaseUrl server() {
        return server;
    }

    /** A fresh, migrated database only the caller uses; drop it with {@link TestDatabase#close()}. */
    public synchronized TestDatabase newDatabase() {
        String name = prefix + "_" + counter.incrementAndGet();
        execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        return new TestDatabase(this, name, server.withDatabase(name));
    }

    /** An empty database (no schema), e.g. to test migrations themselves. */
    public synchronized TestDatabase newEmptyDatabase() {
        String name = prefix + "_" + counter.incrementAndGet();
        execute("CREATE DATABASE " + name);
        return new TestDatabase(this, name, server.withDatabase(name));
    }

    void drop(String database) {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    /** Runs one statement on the maintenance database (outside any transaction). */
    public void execute(String sql) {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database statement failed: " + sql, e);
        }
    }

    static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    /**
     * An address on this machine where no PostgreSQL listens (a port the kernel just handed out,
     * closed again), for tests of an unreachable database: a connection is refused at once.
     */
    public static DatabaseUrl unreachable() {
        try (ServerSocket closed = new ServerSocket(0)) {
            return DatabaseUrl.of("127.0.0.1", closed.getLocalPort(), "nowhere", null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A data source of {@code url} that opens a connection for each use, every wait bounded. */
    public static PGSimpleDataSource dataSource(DatabaseUrl url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url.jdbcUrl());
        if (url.user() != null) {
            ds.setUser(url.user());
        }
        if (url.password() != null) {
            ds.setPassword(url.password());
        }
        ds.setConnectTimeout(10);
        ds.setSocketTimeout(60);
        return ds;
    }

    private void createTemplate() throws SQLException, liquibase.exception.LiquibaseException {
        execute("CREATE DATABASE " + template);
        migrate(server.withDatabase(template));
    }

    /** Applies the changelog to the database at {@code url}. */
    @SuppressWarnings("deprecation") // the Liquibase facade is the simplest stable entry point
    public static void migrate(DatabaseUrl url) throws SQLException, liquibase.exception.LiquibaseException {
        try (Connection c = connect(url);
             Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), new JdbcConnection(c))) {
            liquibase.update(new Contexts(), new LabelExpression());
        } catch (Exception e) {
            if (e instanceof liquibase.exception.LiquibaseException le) {
                throw le;
            }
            if (e instanceof SQLException se) {
                throw se;
            }
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        try {
            if (embedded != null) {
                embedded.close();
            } else {
                execute("DROP DATABASE IF EXISTS " + template.toLowerCase(Locale.ROOT));
            }
        } catch (IOException | RuntimeException e) {
            // The JVM is exiting; an embedded server's folder is temporary anyway.
        }
    }
}
