package dev.inkwell.persistence;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.util.Duration;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.jdbi.v3.core.Jdbi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code database:} section of both applications' YAML: Dropwizard's pooled data source,
 * with safe bounds by default, that also accepts {@code postgresql://user:pass@host:port/db}
 * URLs (as {@code DATABASE_URL} is often given). A user or password set explicitly wins over
 * one inside the URL; empty values count as not set. The driver properties of a YAML
 * {@code properties:} block are merged into {@link #DEFAULT_PROPERTIES}, key by key, so a file
 * that names one property does not silently drop the others.
 */
public class DatabaseFactory extends DataSourceFactory implements Cloneable {
    /** The health check's query (also validation on borrow): tools that count statements skip it. */
    public static final String HEALTH_CHECK_QUERY = "/* inkwell health check */ SELECT 1";

    /** The driver properties every pool starts from (the one place they are set). */
    public static final Map<String, String> DEFAULT_PROPERTIES = defaultProperties();

    private boolean explicitUser;
    private boolean explicitPassword;

    public DatabaseFactory() {
        setDriverClass("org.postgresql.Driver");
        setUrl("jdbc:postgresql://127.0.0.1:5432/inkwell");
        setMinSize(2);
        setInitialSize(2);
        setMaxSize(16);
        // A request waits at most this long for a connection, then gets a 503.
        setMaxWaitForConnection(Duration.seconds(2));
        setCheckConnectionOnBorrow(true);
        setValidationQuery(HEALTH_CHECK_QUERY);
        setValidationQueryTimeout(Duration.seconds(2));
        super.setProperties(new LinkedHashMap<>(DEFAULT_PROPERTIES));
    }

    private static Map<String, String> defaultProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("connectTimeout", "5");      // seconds to open a connection
        properties.put("socketTimeout", "60");      // seconds without an answer before giving up
        // No JIT: compiling a large search's plan cost more than it saved (RUNBOOK, PostgreSQL settings).
        properties.put("options", "-c statement_timeout=30000 -c lock_timeout=10000 -c jit=off");
        properties.put("reWriteBatchedInserts", "true");
        return Collections.unmodifiableMap(properties);
    }

    /** {@code properties} over the defaults: a key given here replaces that key's default, the others stay. */
    @Override
    public void setProperties(Map<String, String> properties) {
        Map<String, String> merged = new LinkedHashMap<>(DEFAULT_PROPERTIES);
        merged.putAll(properties);
        super.setProperties(merged);
    }

    @Override
    public void setUrl(String url) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        super.setUrl(parsed.jdbcUrl());
        if (parsed.user() != null && !explicitUser) {
            super.setUser(parsed.user());
        }
        if (parsed.password() != null && !explicitPassword) {
            super.setPassword(parsed.password());
        }
    }

    @Override
    public void setUser(String user) {
        if (user != null && !user.isBlank()) {
            explicitUser = true;
            super.setUser(user);
        }
    }

    @Override
    public void setPassword(String password) {
        if (password != null && !password.isEmpty()) {
            explicitPassword = true;
            super.setPassword(password);
        }
    }

    /**
     * A server's database: a managed, metered, health-checked pool named {@code name} and
     * Inkwell's Jdbi on it (JobRunr's storage shares the pool). The health check runs the
     * validation query and is registered as {@code name}.
     */
    public Database open(Environment environment, String name) {
        ManagedDataSource dataSource = build(environment.metrics(), name);
        Jdbi jdbi = InkwellJdbi.configure(new JdbiFactory(new StatementNames()).build(environment, this, dataSource, name));
        jdbi.getConfig(DirectStatements.class).connections(dataSource).timers(environment.metrics());
        return new Database(jdbi, dataSource);
    }

    /**
     * The database of code that runs outside a server (commands, local mode, restores): the same
     * pool settings, driver properties and Jdbi as a server's, without health check or shared
     * metrics. The caller closes it.
     */
    public Database openOutsideServer(String name) {
        MetricRegistry metrics = new MetricRegistry();
        ManagedDataSource dataSource = build(metrics, name);
        Jdbi jdbi = InkwellJdbi.configure(Jdbi.create(dataSource));
        jdbi.getConfig(DirectStatements.class).connections(dataSource).timers(metrics);
        return new Database(jdbi, dataSource);
    }

    /**
     * A copy of this section whose driver waits for an answer as long as the server takes (no
     * socket timeout), for a command whose statements may rightly run for minutes (the demo seed's
     * COPY and ANALYZE on a busy machine); this section is left as it is.
     */
    public DatabaseFactory withoutSocketTimeout() {
        DatabaseFactory copy = copy();
        Map<String, String> properties = new LinkedHashMap<>(getProperties());
        properties.put("socketTimeout", "0");
        copy.setProperties(properties);
        return copy;
    }

    /**
     * This section pointed at {@code url}: the URL's own user and password, else this section's;
     * every other setting kept, but a pool of at most {@code maxSize} that keeps none idle (for
     * work that needs a session of its own, beside the main pool).
     */
    public DatabaseFactory at(DatabaseUrl url, int maxSize) {
        DatabaseFactory copy = copy();
        copy.setUrl(url.jdbcUrl());
        copy.setUser(url.user() != null ? url.user() : getUser());
        copy.setPassword(url.password() != null ? url.password() : getPassword());
        copy.setProperties(getProperties()); // merged into a map of its own
        copy.setMinSize(0);
        copy.setInitialSize(0);
        copy.setMaxSize(maxSize);
        return copy;
    }

    /**
     * Every setting of this section, field by field. Dropwizard's factory has no copy of its own;
     * its fields are strings, numbers and immutable values except the driver properties' map,
     * which the copy must replace rather than change.
     */
    private DatabaseFactory copy() {
        try {
            return (DatabaseFactory) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError("DatabaseFactory is Cloneable", e);
        }
    }

    /** This section's defaults pointed at {@code url}: for code that has an address and no YAML. */
    public static DatabaseFactory of(DatabaseUrl url) {
        DatabaseFactory factory = new DatabaseFactory();
        factory.setUrl(url.jdbcUrl());
        factory.setUser(url.user());
        factory.setPassword(url.password());
        return factory;
    }

    /**
     * Dropwizard's pool, without tomcat-jdbc's statement facade: that wraps every statement and
     * result set in a reflective proxy (each {@code getString} compares method names), a cost on
     * every read, to guard calls on closed statements, which the driver refuses anyway.
     * And no connection is opened when the pool starts (they are opened on first use, and kept up
     * to minSize): a process started while PostgreSQL is down then starts not ready, its health
     * check saying why, and becomes ready when the database answers, instead of logging a stack
     * trace from the pool's start.
     */
    @Override
    public ManagedDataSource build(MetricRegistry metricRegistry, String name) {
        ManagedDataSource dataSource = super.build(metricRegistry, name);
        if (dataSource instanceof DataSourceProxy pool) {
            pool.getPoolProperties().setUseStatementFacade(false);
            pool.getPoolProperties().setInitialSize(0);
        }
        return dataSource;
    }

    /** Where this section points, as the PostgreSQL client tools need it. */
    public DatabaseUrl url() {
        return new DatabaseUrl(getUrl(), getUser(), getPassword());
    }

    /**
     * A process's database: Inkwell's Jdbi and the managed pool under it. A server's is closed by
     * its lifecycle; one {@link #openOutsideServer opened outside a server} by its caller.
     */
    public record Database(Jdbi jdbi, ManagedDataSource dataSource) implements AutoCloseable {
        @Override
        public void close() {
            try {
                dataSource.stop();
            } catch (Exception e) {
                throw new IllegalStateException("closing the database pool: " + e.getMessage(), e);
            }
        }
    }
}
