package dev.inkwell.persistence.testing;

import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.InkwellJdbi;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;

/** One migrated database of one test: its address, a data source and Inkwell's Jdbi on it. */
public final class TestDatabase implements AutoCloseable {
    private final TestPostgres server;
    private final String name;
    private final DatabaseUrl url;
    private final DataSource dataSource;
    private final Jdbi jdbi;

    TestDatabase(TestPostgres server, String name, DatabaseUrl url) {
        this.server = server;
        this.name = name;
        this.url = url;
        this.dataSource = TestPostgres.dataSource(url);
        this.jdbi = InkwellJdbi.configure(Jdbi.create(dataSource));
    }

    public String name() {
        return name;
    }

    public DatabaseUrl url() {
        return url;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Runs SQL as a fixture would (set-up rows, server settings), outside the DAOs. */
    public void execute(String sql) {
        jdbi.useHandle(h -> h.execute(sql));
    }

    @Override
    public void close() {
        server.drop(name);
    }
}
