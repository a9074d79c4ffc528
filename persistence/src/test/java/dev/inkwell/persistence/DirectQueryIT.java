package dev.inkwell.persistence;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One {@link DirectQuery} (they are constants) run on several Jdbis: each run uses its own Jdbi's
 * pool and timers, whichever ran before (the statement keeps what it looked up last).
 */
class DirectQueryIT {
    private static final DirectQuery<String> WHERE = DirectQuery.of(DirectQueryIT.class, "where",
            "SELECT current_database() || :suffix AS db", row -> row.getString("db"));

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
}
