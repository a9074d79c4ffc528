package dev.inkwell.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inkwell.domain.backup.Backup;
import dev.inkwell.ops.Jar.Run;
import dev.inkwell.ops.Jar.Server;
import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.backup.BackupDao;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.SchemaSnapshot;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestHttp;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.persistence.testing.TestRedis;
import dev.inkwell.worker.backup.Backups;
import dev.inkwell.worker.backup.PgTools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.inkwell.ops.Jar.LIMIT;
import static dev.inkwell.ops.Jar.java;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar an operator gets, run as a separate JVM exactly as the README says, against the test
 * PostgreSQL. Local mode has its own {@link LocalModeIT}.
 */
@Tag("slow") // runs the jar or the api and worker together: own failsafe execution (root pom)
class InkwellJarIT {
    private static Run run(DatabaseUrl database, String... args) throws Exception {
        return Jar.run(database, Map.of(), args);
    }

    private static Run run(DatabaseUrl database, Map<String, String> env, String... args) throws Exception {
        return Jar.run(database, env, args);
    }

    private static long applied(TestDatabase db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM databasechangelog").mapTo(Long.class).one());
    }

    @Test
    void withoutArgumentsItPrintsUsageAndFails() throws Exception {
        Run run = run(null);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("usage: java -jar inkwell.jar <application>");
        Run unknown = run(null, "frontend");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.output()).contains("unknown application 'frontend'");
    }

    @Test
    void migrateCreatesTheWholeSchemaAndRollbackThenMigrateRestoresIt() throws Exception {
        try (TestDatabase db = TestPostgres.get().newEmptyDatabase()) {
            Run migrate = run(db.url(), "api", "db", "migrate", "config/api.yml");
            assertThat(migrate.exit()).as(migrate.output()).isZero();
            assertThat(SchemaSnapshot.tables(db.jdbi())).contains("users", "profiles", "categories", "tags", "posts",
                    "post_tags", "api_tokens", "jobrunr_jobs", "jobrunr_recurring_jobs",
                    "jobrunr_backgroundjobservers", "jobrunr_metadata", "jobrunr_migrations");
            List<String> schema = SchemaSnapshot.of(db.jdbi());

            Run again = run(db.url(), "api", "db", "migrate", "config/api.yml");
            assertThat(again.exit()).as(again.output()).isZero();
            assertThat(SchemaSnapshot.of(db.jdbi())).isEqualTo(schema);
            assertThat(applied(db)).isEqualTo(SchemaSnapshot.CHANGE_SETS);

            Run rollback = run(db.url(), "api", "db", "rollback", "--count", Integer.toString(SchemaSnapshot.CHANGE_SETS), "config/api.yml");
            assertThat(rollback.exit()).as(rollback.output()).isZero();
            assertThat(SchemaSnapshot.tables(db.jdbi())).containsExactlyInAnyOrder("databasechangelog", "databasechangeloglock");

            Run status = run(db.url(), "worker", "db", "status", "config/worker.yml");
            assertThat(status.exit()).as(status.output()).isZero();
            assertThat(status.output()).contains(SchemaSnapshot.CHANGE_SETS + " changesets have not been applied");

            Run back = run(db.url(), "worker", "db", "migrate", "config/worker.yml");
            assertThat(back.exit()).as(back.output()).isZero();
            assertThat(SchemaSnapshot.of(db.jdbi())).isEqualTo(schema);
        }
    }

    @Test
    void createAdminMakesAnAdminWithTheGivenPasswordAndRefusesATakenName() throws Exception {
        try (TestDatabase db = TestPostgres.get().newDatabase()) {
            Run created = run(db.url(), Map.of("INKWELL_ADMIN_PASSWORD", "a long admin password"),
                    "api", "create-admin", "--username", "chief", "--email", "Chief@Example.com", "config/api.yml");
            assertThat(created.exit()).as(created.output()).isZero();
            assertThat(created.output()).contains("created admin chief").doesNotContain("a long admin password");
            String row = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT role || ' ' || email || ' ' || left(password_hash, 10) FROM users WHERE username = 'chief'")
                    .mapTo(String.class).one());
            assertThat(row).isEqualTo("admin chief@example.com $argon2id$");

            Run again = run(db.url(), Map.of("INKWELL_ADMIN_PASSWORD", "another long password"),
                    "api", "create-admin", "--username", "CHIEF", "--email", "other@example.com", "config/api.yml");
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.output()).contains("create-admin:").doesNotContain("\tat ");
        }
    }

    @Test
    void createAdminRefusesAWeakPassword() throws Exception {
        try (TestDatabase db = TestPostgres.get().newDatabase()) {
            Run weak = run(db.url(), Map.of("INKWELL_ADMIN_PASSWORD", "short"),
                    "api", "create-admin", "--username", "chief", "--email", "chief@example.com", "config/api.yml");
            assertThat(weak.exit()).isEqualTo(1);
            assertThat(weak.output()).contains("password must be");
            long users = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users").mapTo(Long.class).one());
            assertThat(users).isZero();
        }
    }

    @Test
    void dbTestAppliesRollsBackAndReappliesEveryChange() throws Exception {
        try (TestDatabase db = TestPostgres.get().newEmptyDatabase()) {
            Run test = run(db.url(), "api", "db", "test", "config/api.yml");
            assertThat(test.exit()).as(test.output()).isZero();
            assertThat(applied(db)).isEqualTo(SchemaSnapshot.CHANGE_SETS);
        }
    }

    @Test
    void severalInstancesMigratingAtOnceAllSucceedAndApplyEachChangeOnce() throws Exception {
        try (TestDatabase db = TestPostgres.get().newEmptyDatabase()) {
            List<Process> processes = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path log = Files.createTempFile("inkwell-migrate-" + i, ".log");
                logs.add(log);
                processes.add(java(db.url(), Map.of(), "api", "db", "migrate", "config/api.yml")
                        .redirectOutput(log.toFile()).start());
            }
            try {
                for (int i = 0; i < processes.size(); i++) {
                    Process p = processes.get(i);
                    assertThat(p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                    assertThat(p.exitValue()).as(Files.readString(logs.get(i))).isZero();
                }
            } finally {
                processes.forEach(Process::destroyForcibly);
                for (Path log : logs) {
                    Files.deleteIfExists(log);
                }
            }
            long distinct = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(DISTINCT (id, author, filename)) FROM databasechangelog").mapTo(Long.class).one());
            assertThat(applied(db)).isEqualTo(SchemaSnapshot.CHANGE_SETS);
            assertThat(distinct).isEqualTo(SchemaSnapshot.CHANGE_SETS);
        }
    }

    @Test
    void apiAndWorkerServersStartAndReportTheDatabaseHealthy() throws Exception {
        try (TestDatabase db = TestPostgres.get().newDatabase()) {
            for (String app : List.of("api", "worker")) {
                try (Server server = Server.start(db.url(), Map.of("REDIS_URL", TestRedis.get().url()), List.of(), app)) {
                    String health = server.awaitHealthy(server.adminUrl("/healthcheck"));
                    assertThat(health).contains("\"postgresql\":{\"healthy\":true");
                    server.awaitHealthy(server.url("/health-check?type=ready"));
                    assertThat(TestHttp.get(server.url("/health-check?type=alive")).status()).isEqualTo(200);
                    if (app.equals("api")) {
                        assertThat(new ObjectMapper().readTree(health).get("redis").get("message").asText()).isEqualTo("ok");
                        // The request log keeps the path, never the query string (search terms are personal).
                        assertThat(TestHttp.get(server.url("/api/posts?q=ada-lovelace-secret")).status()).isEqualTo(200);
                        Poll.until(LIMIT, "the request is logged", () -> server.output().contains("\"GET /api/posts HTTP/1.1\" 200"));
                        assertThat(server.output()).doesNotContain("ada-lovelace-secret");
                    }
                }
            }
        }
    }

    @Test
    void onStopTheApiTurnsNotReadyFirstAndStillAnswersMeanwhile() throws Exception {
        try (TestDatabase db = TestPostgres.get().newDatabase();
             Server server = Server.start(db.url(), Map.of("REDIS_URL", TestRedis.get().url()), List.of(), "api")) {
            String ready = server.url("/health-check?type=ready");
            server.awaitHealthy(ready);
            server.process.destroy(); // SIGTERM, as an orchestrator stops it
            Poll.until(LIMIT, Duration.ZERO, "readiness goes down", () -> TestHttp.get(ready).status(), status -> status == 503);
            // The load balancer stops sending; what still arrives is served (config: shutdownWaitPeriod 5s).
            assertThat(TestHttp.get(server.url("/api/posts")).status()).isEqualTo(200);
            assertThat(server.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void workerRestoreFillsAnEmptyDatabaseFromABackupAndRefusesAFullOne() throws Exception {
        Path folder = Files.createTempDirectory("inkwell-restore");
        try (TestDatabase source = TestPostgres.get().newDatabase(); TestDatabase target = TestPostgres.get().newEmptyDatabase()) {
            source.execute("INSERT INTO users (username, email) VALUES ('restored', 'restored@example.com')");
            BackupDao dao = source.jdbi().onDemand(BackupDao.class);
            UUID id = UUID.randomUUID();
            dao.start(id);
            Backup backup = new Backups(source.dataSource(), source.url(), dao, new PgTools("pg_dump", "pg_restore", Duration.ofMinutes(2)),
                    folder, 3).make(id);
            assertThat(backup.state()).as(backup.error()).isEqualTo(Backup.VERIFIED);

            Map<String, String> env = Map.of("BACKUP_DIR", folder.toString());
            Run restore = run(target.url(), env, "worker", "restore", "--file", backup.file(), "config/worker.yml");
            assertThat(restore.exit()).as(restore.output()).isZero();
            assertThat(restore.output()).contains("restored and verified");
            long users = target.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE username = 'restored'")
                    .mapTo(Long.class).one());
            assertThat(users).isEqualTo(1);

            Run again = run(target.url(), env, "worker", "restore", "--file", backup.file(), "config/worker.yml");
            assertThat(again.exit()).isNotZero();
            assertThat(again.output()).contains("restore: the database is not empty");
        }
    }
}
