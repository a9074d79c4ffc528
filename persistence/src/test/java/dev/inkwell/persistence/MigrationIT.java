package dev.inkwell.persistence;

import dev.inkwell.persistence.dropwizard.SchemaMigrations;
import dev.inkwell.persistence.testing.SchemaSnapshot;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jobrunr.storage.JobStats;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.common.DatabaseCreator;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one changelog: complete, idempotent, reversible, and JobRunr's. Concurrent migrators are
 * separate processes in practice; ops' InkwellJarIT runs them.
 */
class MigrationIT {
    private static final int CHANGE_SETS = SchemaSnapshot.CHANGE_SETS;

    @SuppressWarnings("deprecation")
    private static void liquibase(TestDatabase db, LiquibaseAction action) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             Liquibase liquibase = new Liquibase(SchemaMigrations.CHANGELOG, new ClassLoaderResourceAccessor(), new JdbcConnection(c))) {
            action.run(liquibase);
        }
    }

    private interface LiquibaseAction {
        void run(Liquibase liquibase) throws Exception;
    }

    @SuppressWarnings("deprecation")
    private static void migrate(TestDatabase db) throws Exception {
        liquibase(db, l -> l.update(new Contexts(), new LabelExpression()));
    }

    private static long applied(TestDatabase db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM databasechangelog").mapTo(Long.class).one());
    }

    @Test
    void migratingTwiceChangesNothing() throws Exception {
        try (TestDatabase db = TestPostgres.get().newEmptyDatabase()) {
            migrate(db);
            List<String> first = SchemaSnapshot.of(db.jdbi());
            migrate(db);
            assertThat(SchemaSnapshot.of(db.jdbi())).isEqualTo(first);
            assertThat(applied(db)).isEqualTo(CHANGE_SETS);
        }
    }

    @Test
    void rollingBackEveryChangeSetLeavesNothingAndMigratingAgainRestoresTheSameSchema() throws Exception {
        try (TestDatabase db = TestPostgres.get().newEmptyDatabase()) {
            migrate(db);
            List<String> migrated = SchemaSnapshot.of(db.jdbi());
            assertThat(SchemaSnapshot.tables(db.jdbi())).contains("users", "profiles", "categories", "tags", "posts",
                    "post_tags", "api_tokens", "jobrunr_jobs", "jobrunr_recurring_jobs", "jobrunr_backgroundjobservers",
                    "jobrunr_metadata", "jobrunr_migrations", "bulk_updates", "bulk_update_chunks", "invitations");

            liquibase(db, l -> l.rollback(CHANGE_SETS, (String) null));
            assertThat(SchemaSnapshot.tables(db.jdbi())).containsExactlyInAnyOrder("databasechangelog", "databasechangeloglock");
            assertThat(applied(db)).isZero();

            migrate(db);
            assertThat(SchemaSnapshot.of(db.jdbi())).isEqualTo(migrated);
        }
    }

    @Test
    void rollingBackPartOfTheWayAndMigratingAgainRestoresTheSameSchema() throws Exception {
        try (TestDatabase db = TestPostgres.get().newEmptyDatabase()) {
            migrate(db);
            List<String> migrated = SchemaSnapshot.of(db.jdbi());
            liquibase(db, l -> l.rollback(4, (String) null));
            assertThat(applied(db)).isEqualTo(CHANGE_SETS - 4);
            migrate(db);
            assertThat(SchemaSnapshot.of(db.jdbi())).isEqualTo(migrated);
        }
    }

    /** The newest changeSet's rollback gives back exactly the schema of the one before it (not merely one that migrates again). */
    @Test
    @SuppressWarnings("deprecation")
    void rollingBackTheNewestChangeSetRestoresTheSchemaBeforeIt() throws Exception {
        try (TestDatabase before = TestPostgres.get().newEmptyDatabase();
             TestDatabase db = TestPostgres.get().newEmptyDatabase()) {
            liquibase(before, l -> l.update(CHANGE_SETS - 1, new Contexts(), new LabelExpression()));
            migrate(db);
            assertThat(SchemaSnapshot.of(db.jdbi())).isNotEqualTo(SchemaSnapshot.of(before.jdbi()));

            liquibase(db, l -> l.rollback(1, (String) null));

            assertThat(applied(db)).isEqualTo(CHANGE_SETS - 1);
            assertThat(SchemaSnapshot.of(db.jdbi())).isEqualTo(SchemaSnapshot.of(before.jdbi()));
        }
    }

    @Test
    void jobRunrTablesAreExactlyWhatJobRunrItselfCreates() {
        try (TestDatabase ours = TestPostgres.get().newDatabase();
             TestDatabase theirs = TestPostgres.get().newEmptyDatabase()) {
            new DatabaseCreator(theirs.dataSource(), PostgresStorageProvider.class).runMigrations();
            List<String> expected = SchemaSnapshot.matching(theirs.jdbi(), "jobrunr%");
            assertThat(expected).isNotEmpty();
            assertThat(SchemaSnapshot.matching(ours.jdbi(), "jobrunr%")).isEqualTo(expected);
        }
    }

    @Test
    void jobRunrSeesEveryOneOfItsScriptsAsApplied() {
        try (TestDatabase db = TestPostgres.get().newDatabase()) {
            List<String> before = SchemaSnapshot.of(db.jdbi());
            // Would fail ("relation already exists") if it found a script it thinks is missing.
            new DatabaseCreator(db.dataSource(), PostgresStorageProvider.class).runMigrations();
            assertThat(SchemaSnapshot.of(db.jdbi())).isEqualTo(before);
            long scripts = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM jobrunr_migrations").mapTo(Long.class).one());
            assertThat(scripts).isEqualTo(17);
        }
    }

    @Test
    void jobRunrStorageRunsOnTheMigratedSchemaWithoutCreatingAnything() {
        try (TestDatabase db = TestPostgres.get().newDatabase()) {
            PostgresStorageProvider storage = new PostgresStorageProvider(db.dataSource(), DatabaseOptions.SKIP_CREATE);
            JobStats stats = storage.getJobStats();
            assertThat(stats.getTotal()).isZero();
            assertThat(stats.getBackgroundJobServers()).isZero();
        }
    }
}
