package dev.inkwell.worker.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inkwell.domain.backup.Backup;
import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.backup.BackupDao;
import dev.inkwell.persistence.testing.SchemaSnapshot;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backups with the real pg_dump and pg_restore against a real PostgreSQL: the archive, its manifest, restore, failures, retention. */
class BackupsIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    @TempDir
    Path dir;

    private BackupDao dao;

    @BeforeEach
    void data() {
        dao = db.dao(BackupDao.class);
        db.database().execute("""
                INSERT INTO users (username, email) VALUES ('ann', 'ann@example.com'), ('ben', 'ben@example.com');
                INSERT INTO categories (name, slug) VALUES ('Engines', 'engines');
                INSERT INTO posts (author_id, category_id, title, content, published, published_at)
                SELECT 1 + g % 2, 1, 'post ' || g, repeat('x', g % 100), g % 3 = 0, CASE WHEN g % 3 = 0 THEN now() END
                  FROM generate_series(1, 500) g;
                INSERT INTO tags (name) VALUES ('a'), ('b');
                INSERT INTO post_tags (post_id, tag_id) SELECT id, 1 + id % 2 FROM posts;
                """);
    }

    private Backups backups(Path folder, PgTools tools, int keep) {
        return new Backups(db.database().dataSource(), db.database().url(), dao, tools, folder, keep);
    }

    private static PgTools realTools() {
        return new PgTools("pg_dump", "pg_restore", Duration.ofMinutes(2));
    }

    private Backup backup(Backups backups) {
        UUID id = UUID.randomUUID();
        dao.start(id);
        return backups.make(id);
    }

    private static Map<String, Long> counts(TestDatabase database) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : Backups.TABLES) {
            counts.put(table, database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one()));
        }
        return counts;
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aBackupHasAManifestMatchingItsFileAndRestoresEveryRow() throws Exception {
        Backup backup = backup(backups(dir, realTools(), 3));
        assertThat(backup.state()).as(backup.error()).isEqualTo(Backup.VERIFIED);
        Path archive = dir.resolve(backup.file());
        Path manifestFile = dir.resolve(backup.file().replace(".dump", ".json"));
        JsonNode manifest = new ObjectMapper().readTree(manifestFile.toFile());
        assertThat(manifest.get("sha256").asText()).isEqualTo(Backups.sha256(archive)).isEqualTo(backup.sha256());
        assertThat(manifest.get("size_bytes").asLong()).isEqualTo(Files.size(archive));
        assertThat(manifest.get("schema_version").asText()).isEqualTo(SchemaSnapshot.NEWEST_CHANGE_SET);
        assertThat(manifest.get("server_version").asText()).startsWith("15");
        assertThat(backup.rowCounts()).isEqualTo(counts(db.database())).containsEntry("posts", 500L);
        assertThat(files()).as("no temporary files left").allSatisfy(f -> assertThat(f.getFileName().toString()).doesNotStartWith("."));

        try (TestDatabase fresh = TestPostgres.get().newEmptyDatabase()) {
            realTools().restore(archive, fresh.url(), false);
            assertThat(counts(fresh)).isEqualTo(backup.rowCounts());
            long backupRows = fresh.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM backups").mapTo(Long.class).one());
            assertThat(backupRows).as("the backups table's rows are left out").isZero();
        }
    }

    @Test
    void aPgDumpThatFailsLeavesAFailedBackupNoFileAndOlderBackupsUntouched() throws Exception {
        Backup good = backup(backups(dir, realTools(), 3));
        List<Path> before = files();
        Path failing = dir.getParent().resolve("failing-pg_dump-" + UUID.randomUUID());
        Files.writeString(failing, """
                #!/bin/sh
                if [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) 15.99"; exit 0; fi
                echo "pg_dump: error: simulated failure" >&2
                for a in "$@"; do case "$a" in --file=*) echo partial > "${a#--file=}";; esac; done
                exit 3
                """);
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwx------"));
        PgTools broken = new PgTools(failing.toString(), "pg_restore", Duration.ofMinutes(1));
        UUID id = UUID.randomUUID();
        dao.start(id);
        assertThatThrownBy(() -> backups(dir, broken, 3).make(id)).hasMessageContaining("exited with 3").hasMessageContaining("simulated failure");
        assertThat(dao.find(id).orElseThrow().state()).isEqualTo(Backup.FAILED);
        assertThat(files()).isEqualTo(before);
        assertThat(dao.find(good.id()).orElseThrow().state()).isEqualTo(Backup.VERIFIED);
        Files.delete(failing);
    }

    @Test
    void aMissingOrTooOldPgDumpIsAClearError() {
        UUID id = UUID.randomUUID();
        dao.start(id);
        assertThatThrownBy(() -> backups(dir, new PgTools("/nonexistent/pg_dump", "pg_restore", Duration.ofMinutes(1)), 3).make(id))
                .hasMessageContaining("/nonexistent/pg_dump is not installed");
        assertThat(dao.find(id).orElseThrow().error()).contains("not installed");
    }

    @Test
    void anUnwritableFolderLeavesAFailedBackup() throws Exception {
        Path file = dir.resolve("not-a-folder");
        Files.writeString(file, "x");
        UUID id = UUID.randomUUID();
        dao.start(id);
        assertThatThrownBy(() -> backups(file.resolve("backups"), realTools(), 3).make(id)).hasMessageContaining("backup folder");
        assertThat(dao.find(id).orElseThrow().state()).isEqualTo(Backup.FAILED);
    }

    @Test
    void aFullFolderLeavesAFailedBackupNoHalfFileAndOlderBackupsUntouched() throws Exception {
        Path tiny = Files.createTempDirectory("inkwell-full");
        // A 16 KiB file system: smaller than any archive. Mounting needs privileges this machine may not give.
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", tiny.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && mount.exitValue() == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(mounted, "cannot mount a small tmpfs here");
        try {
            Files.writeString(tiny.resolve("older.dump"), "an older backup");
            UUID id = UUID.randomUUID();
            dao.start(id);
            assertThatThrownBy(() -> backups(tiny, realTools(), 3).make(id)).isInstanceOf(BackupException.class);
            assertThat(dao.find(id).orElseThrow().state()).isEqualTo(Backup.FAILED);
            try (Stream<Path> left = Files.list(tiny)) {
                assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("older.dump");
            }
            assertThat(Files.readString(tiny.resolve("older.dump"))).isEqualTo("an older backup");
        } finally {
            new ProcessBuilder("umount", tiny.toString()).start().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnreachableDatabaseLeavesAFailedBackup() throws Exception {
        DatabaseUrl nowhere = TestPostgres.unreachable();
        UUID id = UUID.randomUUID();
        dao.start(id);
        Backups unreachable = new Backups(TestPostgres.dataSource(nowhere), nowhere, dao, realTools(), dir, 3);
        assertThatThrownBy(() -> unreachable.make(id)).hasMessageContaining("database");
        assertThat(dao.find(id).orElseThrow().state()).isEqualTo(Backup.FAILED);
        assertThat(files()).isEmpty();
    }

    @Test
    void aSecondBackupWhileOneRunsIsRefused() throws Exception {
        UUID running = UUID.randomUUID();
        dao.start(running);
        assertThatThrownBy(() -> dao.start(UUID.randomUUID())).isInstanceOf(dev.inkwell.domain.ConflictException.class);
        // Across workers: the advisory lock of a backup in progress elsewhere.
        dao.failed(running, "test");
        try (Connection other = db.database().dataSource().getConnection(); Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + dev.inkwell.persistence.AdvisoryLock.BACKUP.key() + ")");
            Backup refused = backup(backups(dir, realTools(), 3));
            assertThat(refused.state()).isEqualTo(Backup.FAILED);
            assertThat(refused.error()).isEqualTo("another backup is running");
        }
    }

    private static long scratchDatabases(org.jdbi.v3.core.Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM pg_database WHERE datname LIKE 'inkwell_restore_check_%'").mapTo(Long.class).one());
    }

    private Restores restores(DatabaseUrl into) {
        return new Restores(into, dao, realTools(), dir);
    }

    @Test
    void theRestoreCheckRestoresTheNewestBackupIntoAScratchDatabaseAndRecordsAPass() {
        Backup backup = backup(backups(dir, realTools(), 3));
        assertThat(restores(db.database().url()).checkNewest()).isTrue();
        Backup checked = dao.find(backup.id()).orElseThrow();
        assertThat(checked.restoreCheckedAt()).isNotNull();
        assertThat(checked.restoreCheckError()).isNull();
        assertThat(scratchDatabases(db.jdbi())).as("the scratch database is dropped").isZero();
    }

    @Test
    void theRestoreCheckDetectsACorruptedArchive() throws Exception {
        Backup original = backup(backups(dir, realTools(), 3));
        // A copy of the backup, corrupted: bytes flipped in its middle.
        Path copy = dir.resolve("copy-" + original.file());
        byte[] bytes = damaged(Files.readAllBytes(dir.resolve(original.file())));
        Files.write(copy, bytes);
        Backup corrupted = new Backup(UUID.randomUUID(), Backup.VERIFIED, copy.getFileName().toString(), (long) bytes.length,
                original.sha256(), original.schemaVersion(), original.serverVersion(), original.rowCounts(), null,
                original.startedAt(), original.finishedAt(), null, null);
        assertThat(restores(db.database().url()).check(corrupted)).contains("changed since it was made");
        // Even with a matching checksum (as if the manifest were made from the damaged file), the restore tells.
        Backup sameSum = new Backup(corrupted.id(), corrupted.state(), corrupted.file(), corrupted.sizeBytes(), Backups.sha256(copy),
                corrupted.schemaVersion(), corrupted.serverVersion(), corrupted.rowCounts(), null, corrupted.startedAt(),
                corrupted.finishedAt(), null, null);
        assertThat(restores(db.database().url()).check(sameSum)).isNotNull();
        assertThat(restores(db.database().url()).check(original)).as("the original is intact").isNull();
    }

    @Test
    void aFailedRestoreCheckIsRecordedAndThrown() throws Exception {
        Backup backup = backup(backups(dir, realTools(), 3));
        Files.write(dir.resolve(backup.file()), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> restores(db.database().url()).checkNewest()).hasMessageContaining("restore check");
        assertThat(dao.find(backup.id()).orElseThrow().restoreCheckError()).contains("changed since it was made");
    }

    @Test
    void restoreFillsAnEmptyDatabaseAndRefusesAFullOneUnlessToldToReplace() {
        Backup backup = backup(backups(dir, realTools(), 3));
        try (TestDatabase empty = TestPostgres.get().newEmptyDatabase()) {
            assertThat(restores(empty.url()).restore(backup.file(), false).rows()).isEqualTo(backup.rowCounts());
            assertThatThrownBy(() -> restores(empty.url()).restore(backup.file(), false)).hasMessageContaining("not empty");
            empty.execute("DELETE FROM post_tags");
            assertThat(restores(empty.url()).restore(dir.resolve(backup.file()).toString(), true).rows()).isEqualTo(backup.rowCounts());
        }
        assertThatThrownBy(() -> restores(db.database().url()).restore("no-such.dump", false)).hasMessageContaining("no archive");
    }

    @Test
    void healthIsUnhealthyWhenScheduledBackupsAreTooOldOrTheLastRestoreCheckFailed() throws Exception {
        assertThat(new BackupHealthCheck(dao, false, Duration.ofMillis(1)).execute().isHealthy()).as("no schedule: reports only").isTrue();
        BackupHealthCheck strict = new BackupHealthCheck(dao, true, Duration.ofMillis(1));
        Thread.sleep(5); // older than the 1 ms limit
        assertThat(strict.execute().isHealthy()).as("scheduled, but no backup").isFalse();
        Backup backup = backup(backups(dir, realTools(), 3));
        BackupHealthCheck lenient = new BackupHealthCheck(dao, true, Duration.ofHours(1));
        assertThat(lenient.execute().isHealthy()).isTrue();
        dao.restoreChecked(backup.id(), "row counts differ");
        assertThat(lenient.execute().getMessage()).contains("restore check").contains("row counts differ");
        assertThat(lenient.execute().isHealthy()).isFalse();
    }

    @Test
    void retentionKeepsExactlyTheNewestVerifiedOnes() throws Exception {
        Backups keepTwo = backups(dir, realTools(), 2);
        Backup first = backup(keepTwo);
        Backup second = backup(keepTwo);
        Backup third = backup(keepTwo);
        assertThat(dao.find(first.id()).orElseThrow().state()).isEqualTo(Backup.DELETED);
        assertThat(dao.verified()).extracting(Backup::id).containsExactly(third.id(), second.id());
        assertThat(files()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(second.file(), second.file().replace(".dump", ".json"),
                        third.file(), third.file().replace(".dump", ".json"));
    }

    private static long tables(TestDatabase database) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
                .mapTo(Long.class).one());
    }

    private static int restoreCommand(Restores restores, String archive, boolean replace, boolean unverified,
                                      java.io.ByteArrayOutputStream out) {
        java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        try {
            RestoreCommand.restore(restores, archive, replace, unverified, print);
            return 0;
        } catch (RestoreCommand.Failed e) {
            print.println(e.getMessage());
            return 1;
        }
    }

    @Test
    void restoringAnArchiveWithoutItsManifestSaysNotVerifiedAndFailsUnlessToldUnverified() throws Exception {
        Backup backup = backup(backups(dir, realTools(), 3));
        Files.delete(dir.resolve(backup.file().replace(".dump", ".json")));
        try (TestDatabase empty = TestPostgres.get().newEmptyDatabase()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            assertThat(restoreCommand(restores(empty.url()), backup.file(), false, false, out)).as(out.toString()).isNotZero();
            assertThat(out.toString()).contains("restored, NOT verified (no manifest)").doesNotContain("restored and verified");
        }
        try (TestDatabase empty = TestPostgres.get().newEmptyDatabase()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            assertThat(restoreCommand(restores(empty.url()), backup.file(), false, true, out)).as(out.toString()).isZero();
            assertThat(out.toString()).contains("restored, NOT verified (no manifest)");
            assertThat(counts(empty)).isEqualTo(backup.rowCounts());
        }
    }

    @Test
    void restoringWithTheManifestSaysVerified() {
        Backup backup = backup(backups(dir, realTools(), 3));
        try (TestDatabase empty = TestPostgres.get().newEmptyDatabase()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            assertThat(restoreCommand(restores(empty.url()), backup.file(), false, false, out)).as(out.toString()).isZero();
            assertThat(out.toString()).startsWith("restored and verified");
        }
    }

    @Test
    void rowCountsThatDifferFromTheManifestAreFoundBeforeTheTargetIsWritten() throws Exception {
        Backup backup = backup(backups(dir, realTools(), 3));
        Path manifest = dir.resolve(backup.file().replace(".dump", ".json"));
        com.fasterxml.jackson.databind.node.ObjectNode json =
                (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode rows = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("row_counts");
        String table = rows.fieldNames().next();
        rows.put(table, rows.get(table).asLong() + 1);
        Files.writeString(manifest, json.toString());
        try (TestDatabase empty = TestPostgres.get().newEmptyDatabase()) {
            assertThatThrownBy(() -> restores(empty.url()).restore(backup.file(), false))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("row counts differ").hasMessageContaining("nothing restored");
            assertThat(tables(empty)).as("the target untouched").isZero();
            assertThat(scratchDatabases(empty.jdbi())).as("no scratch database left").isZero();
        }
    }

    @Test
    void anArchiveThatDoesNotMatchItsManifestIsRefusedBeforeTheTargetIsTouched() throws Exception {
        Backup backup = backup(backups(dir, realTools(), 3));
        try (TestDatabase target = TestPostgres.get().newEmptyDatabase()) {
            restores(target.url()).restore(backup.file(), false);
            target.execute("INSERT INTO tags (name) VALUES ('written after the backup')");
            Map<String, Long> before = counts(target);
            Path archive = dir.resolve(backup.file());
            byte[] bytes = Files.readAllBytes(archive);
            bytes[bytes.length / 2] ^= (byte) 0xff;
            Files.write(archive, bytes);
            assertThatThrownBy(() -> restores(target.url()).restore(backup.file(), true))
                    .hasMessageContaining("changed since it was made").hasMessageContaining("nothing restored");
            assertThat(counts(target)).as("the target as it was").isEqualTo(before);
        }
    }

    @Test
    void aRestoreThatFailsHalfWayLeavesNothingBehind() throws Exception {
        Backup backup = backup(backups(dir, realTools(), 3));
        Path archive = dir.resolve(backup.file());
        // Damaged after its table definitions, with a manifest made from the damaged file: pg_restore fails mid-way.
        Files.write(archive, damaged(Files.readAllBytes(archive)));
        Path manifest = dir.resolve(backup.file().replace(".dump", ".json"));
        Files.writeString(manifest, Files.readString(manifest).replace(backup.sha256(), Backups.sha256(archive)));
        try (TestDatabase empty = TestPostgres.get().newEmptyDatabase()) {
            assertThatThrownBy(() -> restores(empty.url()).restore(backup.file(), false)).isInstanceOf(BackupException.class);
            assertThat(tables(empty)).as("no half-restored tables").isZero();
        }
    }

    @Test
    void backupFilesAndTheirFolderAreTheOwnersOnlyAlsoWhileBeingWritten() throws Exception {
        Path folder = dir.resolve("private");
        Path modes = dir.resolve("modes-seen-by-pg_dump");
        Path recording = dir.resolve("recording-pg_dump");
        Files.writeString(recording, """
                #!/bin/sh
                for a in "$@"; do case "$a" in --file=*) stat -c %%a "${a#--file=}" > %s;; esac; done
                exec pg_dump "$@"
                """.formatted(modes));
        Files.setPosixFilePermissions(recording, PosixFilePermissions.fromString("rwx------"));
        Backup backup = backup(backups(folder, new PgTools(recording.toString(), "pg_restore", Duration.ofMinutes(2)), 3));
        assertThat(backup.state()).as(backup.error()).isEqualTo(Backup.VERIFIED);
        assertThat(Files.readString(modes).strip()).as("the temporary file before pg_dump writes").isEqualTo("600");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.toList()).hasSize(2).allSatisfy(f ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------"));
        }
    }

    @Test
    void aBackupWhoseRestoreCheckFailedIsNotKeptAsVerified() throws Exception {
        Backups keepTwo = backups(dir, realTools(), 2);
        Backup first = backup(keepTwo);
        Backup bad = backup(keepTwo);
        dao.restoreChecked(bad.id(), "row counts differ");
        assertThat(dao.verified()).extracting(Backup::id).containsExactly(first.id());
        Backup second = backup(keepTwo);
        Backup third = backup(keepTwo);
        assertThat(dao.verified()).extracting(Backup::id).containsExactly(third.id(), second.id());
        assertThat(dao.find(bad.id()).orElseThrow().state()).as("older than the ones kept").isEqualTo(Backup.DELETED);
        assertThat(dao.find(first.id()).orElseThrow().state()).isEqualTo(Backup.DELETED);
    }

    /**
     * The archive with 64 bytes flipped every 2 KiB of its second half, where the tables' compressed
     * data follows the table of contents. One spot in the middle once landed in a function's text
     * in the table of contents, which restores without complaint.
     */
    private static byte[] damaged(byte[] bytes) {
        for (int at = bytes.length / 2; at + 64 < bytes.length; at += 2048) {
            for (int i = at; i < at + 64; i++) {
                bytes[i] ^= (byte) 0xff;
            }
        }
        return bytes;
    }
}
