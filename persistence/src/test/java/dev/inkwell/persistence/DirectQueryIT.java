package dev.inkwell.persistence;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link DirectQuery}: one (they are constants) run on several Jdbis uses each run's own Jdbi's
 * pool and timers, whichever ran before (the statement keeps what it looked up last); arguments
 * by name; typed nulls; and a run on a handle, in its transaction.
 */
class DirectQueryIT {
    private static final DirectQuery<String> WHERE = DirectQuery.of(DirectQueryIT.class, "where",
            "SELECT current_database() || :suffix AS db", row -> row.getString("db"));
    /** Arguments by name, in another order than the SQL's, one of them used twice. */
    private static final DirectQuery<String> NAMED = DirectQuery.of(DirectQueryIT.class, "named",
            "SELECT :word || '-' || CAST(:count AS text) || '-' || :word AS text", row -> row.getString("text"), "count", "word");
    private static final DirectQuery<String> TYPE_OF = DirectQuery.of(DirectQueryIT.class, "typeOf",
            "SELECT CAST(pg_typeof(:value) AS text) AS type", row -> row.getString("type"));
    private static final DirectQuery<String> COALESCED = DirectQuery.of(DirectQueryIT.class, "coalesced",
            "SELECT COALESCE(:text, 'none') AS text", row -> row.getString("text"));

    private static Jdbi pooled(TestDatabase db, MetricRegistry metrics) {
        Jdbi jdbi = InkwellJdbi.configure(Jdbi.create(db.dataSource()));
        jdbi.getConfig(DirectStatements.class).connections(db.dataSource()).timers(metrics);
        return jdbi;
    }

    @Test
    void eachRunReadsItsOwnJdbisDatabaseAndUpdatesItsOwnTimer() {
        try (TestDatabase one = TestPostgres.get().newDatabase(); TestDatabase two = TestPostgres.get().newDatabase()) {
            MetricRegistry first = new MetricRegistry();
            MetricRegistry second = new MetricRegistry();
            Jdbi a = pooled(one, first);
            Jdbi b = pooled(two, second);
            for (int i = 0; i < 3; i++) {
                assertThat(WHERE.findOne(a, "!")).contains(one.name() + "!");
                assertThat(WHERE.findOne(b, "?")).contains(two.name() + "?");
            }
            String timer = "dev.inkwell.persistence.DirectQueryIT.where";
            assertThat(first.timer(timer).getCount()).isEqualTo(3);
            assertThat(second.timer(timer).getCount()).isEqualTo(3);
        }
    }

    @Test
    void aJdbisTimersSetAfterItsFirstRunAreUsedFromThen() {
        try (TestDatabase db = TestPostgres.get().newDatabase()) {
            Jdbi jdbi = InkwellJdbi.configure(Jdbi.create(db.dataSource()));
            jdbi.getConfig(DirectStatements.class).connections(db.dataSource());
            assertThat(WHERE.findOne(jdbi, "")).contains(db.name());
            MetricRegistry metrics = new MetricRegistry();
            jdbi.getConfig(DirectStatements.class).timers(metrics);
            WHERE.findOne(jdbi, "");
            assertThat(metrics.timer("dev.inkwell.persistence.DirectQueryIT.where").getCount()).isEqualTo(1);
        }
    }

    @Test
    void anArgumentIsBoundToEveryParameterOfItsName() {
        try (TestDatabase db = TestPostgres.get().newDatabase()) {
            assertThat(NAMED.findOne(pooled(db, new MetricRegistry()), 3, "w")).contains("w-3-w");
        }
    }

    @Test
    void aParameterWithoutItsArgumentOrAnArgumentWithoutItsParameterIsRefusedWhenTheStatementIsMade() {
        assertThatThrownBy(() -> DirectQuery.of(DirectQueryIT.class, "x", "SELECT :a, :b", row -> 1, "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":b");
        assertThatThrownBy(() -> DirectQuery.of(DirectQueryIT.class, "x", "SELECT :a", row -> 1, "a", "c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argument c");
        assertThatThrownBy(() -> NAMED.findOne(Jdbi.create("jdbc:postgresql://127.0.0.1:1/none"), "only one"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[count, word]");
    }

    @Test
    void aTypedNullIsBoundAsAValueOfItsType() {
        try (TestDatabase db = TestPostgres.get().newDatabase()) {
            Jdbi jdbi = pooled(db, new MetricRegistry());
            assertThat(TYPE_OF.findOne(jdbi, DirectQuery.nullable(null, Types.BIGINT))).contains("bigint");
            assertThat(TYPE_OF.findOne(jdbi, DirectQuery.nullable(7L, Types.BIGINT))).contains("bigint");
            assertThat(TYPE_OF.findOne(jdbi, DirectQuery.nullable(null, Types.VARCHAR))).contains("character varying");
            assertThat(TYPE_OF.findOne(jdbi, DirectQuery.nullable(null, Types.BOOLEAN))).contains("boolean");
        }
    }

    /**
     * The driver prepares a statement on the server from its fifth run on a connection, for the
     * types of its values: an argument that turns null and back, bound as a null of its type, runs
     * the same prepared statement, not one prepared again (parsed and planned) for every change.
     */
    @Test
    void anArgumentTurningNullAndBackKeepsItsPreparedStatement() {
        try (TestDatabase db = TestPostgres.get().newDatabase(); Handle handle = db.jdbi().open()) {
            Set<String> prepared = new HashSet<>();
            for (int run = 0; run < 12; run++) {
                String text = run % 2 == 0 ? "some" : null;
                assertThat(COALESCED.findOne(handle, DirectQuery.nullable(text, Types.VARCHAR))).contains(text == null ? "none" : text);
                if (run >= 6) {
                    prepared.add(handle.createQuery("SELECT name FROM pg_prepared_statements WHERE statement LIKE :sql")
                            .bind("sql", COALESCED.sql().substring(0, 30) + "%").mapTo(String.class).one());
                }
            }
            assertThat(prepared).hasSize(1);
        }
    }

    @Test
    void onAHandleItRunsInTheHandlesTransaction() {
        try (TestDatabase db = TestPostgres.get().newDatabase(); Handle handle = db.jdbi().open()) {
            DirectQuery<Long> count = DirectQuery.of(DirectQueryIT.class, "count",
                    "SELECT count(*) AS n FROM scratch WHERE x = :x", row -> row.getLong("n"));
            handle.execute("CREATE TABLE scratch (x int)");
            handle.begin();
            handle.execute("INSERT INTO scratch VALUES (7)");
            assertThat(count.findOne(handle, 7)).contains(1L);
            handle.rollback();
            assertThat(count.findOne(handle, 7)).contains(0L);
        }
    }
}
