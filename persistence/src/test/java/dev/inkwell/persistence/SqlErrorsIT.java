package dev.inkwell.persistence;

import dev.inkwell.persistence.testing.FlakyProxy;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.persistence.user.UserDao;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlErrorsIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    @Test
    void anUnreachableDatabaseIsUnavailableNotABug() {
        UserDao users = InkwellJdbi.configure(Jdbi.create(TestPostgres.dataSource(TestPostgres.unreachable()))).onDemand(UserDao.class);
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

    /** Inkwell's Jdbi on this test's database, reached through {@code proxy}. */
    private Jdbi through(FlakyProxy proxy) {
        return InkwellJdbi.configure(Jdbi.create(TestPostgres.dataSource(proxy.to(db.database().url()))));
    }

    private FlakyProxy proxy() {
        return FlakyProxy.inFrontOf(db.database().url());
    }

    private long users() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users").mapTo(Long.class).one());
    }

    @Test
    void aConnectionBrokenInsideADaoTransactionIsUnavailableAndWritesNothing() {
        try (FlakyProxy proxy = proxy()) {
            HalfWayDao dao = through(proxy).onDemand(HalfWayDao.class);
            assertThatThrownBy(() -> dao.insertTwo(proxy::cut)).isInstanceOf(DatabaseUnavailableException.class);
        }
        assertThat(users()).isZero();
    }

    @Test
    void aConnectionBrokenInsideAHandleTransactionIsUnavailableAndWritesNothing() {
        try (FlakyProxy proxy = proxy()) {
            Jdbi jdbi = through(proxy);
            assertThatThrownBy(() -> jdbi.useTransaction(h -> {
                h.attach(HalfWayDao.class).insert("first");
                proxy.cut();
                h.attach(HalfWayDao.class).insert("second");
            })).isInstanceOf(DatabaseUnavailableException.class);
        }
        assertThat(users()).isZero();
    }

    /** Two inserts in one transaction, with a fault between them. */
    public interface HalfWayDao {
        @SqlUpdate("INSERT INTO users (username, email) VALUES (:name, :name || '@example.com')")
        void insert(String name);

        @Transaction
        default void insertTwo(Runnable fault) {
            insert("first");
            fault.run();
            insert("second");
        }
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
                UNION
                SELECT 'comments_place_fixed'
                """).mapTo(String.class).list());
        assertThat(constraints).hasSizeGreaterThan(25);
        assertThat(constraints).allSatisfy(name -> assertThat(SqlErrors.fieldOf(name)).as(name).isPresent());
    }
}
