package dev.inkwell.persistence;

import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlErrorsIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    @Test
    void anUnreachableDatabaseIsUnavailableNotABug() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/nowhere");
        ds.setConnectTimeout(2);
        UserDao users = InkwellJdbi.configure(org.jdbi.v3.core.Jdbi.create(ds)).onDemand(UserDao.class);
        assertThatThrownBy(() -> users.findById(1)).isInstanceOf(DatabaseUnavailableException.class);
    }

    @Test
    void aStatementTimeoutIsUnavailable() {
        db.database().execute("ALTER DATABASE " + db.database().name() + " SET statement_timeout = '50ms'");
        assertThatThrownBy(() -> db.jdbi().onDemand(SlowDao.class).sleep())
                .isInstanceOf(DatabaseUnavailableException.class);
    }

    /** A DAO whose only statement outlasts any short statement timeout. */
    public interface SlowDao {
        @org.jdbi.v3.sqlobject.statement.SqlQuery("SELECT pg_sleep(5)::text")
        String sleep();
    }

    @Test
    void everyConstraintOfOurTablesNamesTheFieldItGuards() {
        // Check and foreign-key constraints, unique indexes, and constraints raised by triggers;
        // primary keys of generated ids cannot be violated by input.
        List<String> constraints = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT conname FROM pg_constraint
                 WHERE connamespace = 'public'::regnamespace AND contype IN ('c', 'f', 'u', 'p')
                   AND conrelid::regclass::text NOT LIKE 'jobrunr%' AND conrelid::regclass::text NOT LIKE 'databasechangelog%'
                   AND NOT (contype = 'p' AND conrelid::regclass::text <> 'post_tags')
                UNION
                SELECT indexname FROM pg_indexes
                 WHERE schemaname = 'public' AND indexdef LIKE 'CREATE UNIQUE INDEX%' AND indexname NOT LIKE '%pkey'
                   AND tablename NOT LIKE 'jobrunr%' AND tablename NOT LIKE 'databasechangelog%'
                UNION
                SELECT 'categories_parent_cycle_check'
                """).mapTo(String.class).list());
        assertThat(constraints).hasSizeGreaterThan(25);
        assertThat(constraints).allSatisfy(name -> assertThat(SqlErrors.fieldOf(name)).as(name).isPresent());
    }
}
