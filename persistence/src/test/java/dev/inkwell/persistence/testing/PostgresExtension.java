package dev.inkwell.persistence.testing;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test method its own freshly migrated database:
 * {@code @RegisterExtension final PostgresExtension db = new PostgresExtension();}
 * A family of test classes extends it with what they share (rows made before each test, helpers).
 */
public class PostgresExtension implements BeforeEachCallback, AfterEachCallback {
    private TestDatabase database;

    @Override
    public void beforeEach(ExtensionContext context) {
        database = TestPostgres.get().newDatabase();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    public TestDatabase database() {
        if (database == null) {
            throw new IllegalStateException("the database exists only while a test runs");
        }
        return database;
    }

    public Jdbi jdbi() {
        return database().jdbi();
    }

    /** A DAO whose every method runs on its own connection (autocommit), as services use them. */
    public <T> T dao(Class<T> type) {
        return jdbi().onDemand(type);
    }
}
