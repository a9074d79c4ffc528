package dev.inkwell.persistence;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import io.dropwizard.db.ManagedDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pool as {@link DatabaseFactory} builds it. A connection closed (given back) is dead to whoever
 * still holds it, even once the pool has lent the same connection out again: tomcat-jdbc's
 * disposable connection facade, which stays on (its own cost did not show in a profile of reads).
 */
class DatabaseFactoryIT {

    @Test
    void aConnectionGivenBackCannotBeUsedThroughAReferenceKeptToIt() throws Exception {
        try (TestDatabase db = TestPostgres.get().newDatabase()) {
            DatabaseFactory factory = DatabaseFactory.of(db.url());
            factory.setMinSize(1);
            factory.setMaxSize(1); // the one connection: the next borrow gets the same one
            ManagedDataSource pool = factory.build(new MetricRegistry(), "facade-test");
            try {
                Connection leaked = pool.getConnection();
                leaked.close();
                try (Connection current = pool.getConnection()) {
                    assertThat(leaked.isClosed()).isTrue();
                    assertThatThrownBy(leaked::createStatement).isInstanceOf(SQLException.class);
                    assertThatThrownBy(() -> leaked.setAutoCommit(false)).isInstanceOf(SQLException.class);
                    leaked.close(); // again: a no-op, the current borrower keeps its connection
                    try (Statement statement = current.createStatement(); ResultSet one = statement.executeQuery("SELECT 1")) {
                        assertThat(one.next()).isTrue();
                    }
                    assertThat(current.getAutoCommit()).isTrue();
                }
            } finally {
                pool.stop();
            }
        }
    }
}
