package dev.inkwell.worker.backup;

import dev.inkwell.domain.backup.Backup;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.inkwell.worker.backup.BackupFixture.counts;
import static dev.inkwell.worker.backup.BackupFixture.scratchDatabases;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operator's restore of an archive, and the restore command's word on it: an empty database
 * filled, a full one refused unless told to replace; verified with the manifest, and without it
 * restored only when told unverified; an archive or row counts that do not match the manifest
 * refused before the target is written; and a failed restore leaving nothing behind. The
 * scheduled restore check: {@link BackupRestoreCheckIT}.
 */
class BackupRestoreIT {
    @RegisterExtension
    final BackupFixture backups = new BackupFixture();

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
    void restoreFillsAnEmptyDatabaseAndRefusesAFullOneUnlessToldToReplace() {
        Backup backup = backups.backup();
        try (TestDatabase empty = TestPostgres.get().newEmptyDatabase()) {
            assertThat(backups.restores(empty.url()).restore(backup.file(), false).rows()).isEqualTo(backup.rowCounts());
            assertThatThrownBy(() -> backups.restores(empty.url()).restore(backup.file(), false)).hasMessageContaining("not empty");
            empty.execute("DELETE FROM post_tags");
            assertThat(backups.restores(empty.url()).restore(backups.dir().resolve(backup.file()).toString(), true).rows())
                    .isEqualTo(backup.rowCounts());
        }
        assertThatThrownBy(() -> backups.restores(backups.database().url()).restore("no-such.dump", false))
                .hasMessageContaining("no archive");
    }

    @Test
    void restoringAnArchiveWithoutItsManifestSaysNotVerifiedAndFailsUnlessToldUnverified() throws Exception {
        Backup backup = backups.backup();
        Files.delete(backups.dir().resolve(backup.file().replace(".dump", ".json")));
        try (TestDatabase empty = TestPostgres.get().newEmptyDatabase()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            assertThat(restoreCommand(backups.restores(empty.url()), backup.file(), false, false, out)).as(out.toString()).isNotZero();
            assertThat(out.toString()).contains("restored, NOT verified (no manifest)").doesNotContain("restored and verified");
        }
        try (TestDatabase empty = TestPostgres.get().newEmptyDatabase()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            assertThat(restoreCommand(backups.restores(empty.url()), backup.file(), false, true, out)).as(out.toString()).isZero();
            assertThat(out.toString()).contains("restored, NOT verified (no manifest)");
            assertThat(counts(empty)).isEqualTo(backup.rowCounts());
        }
    }

    @Test
    void restoringWithTheManifestSaysVerified() {
        Backup backup = backups.backup();
        try (TestDatabase empty = TestPostgres.get().newEmptyDatabase()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            assertThat(restoreCommand(backups.restores(empty.url()), backup.file(), false, false, out)).as(out.toString()).isZero();
            assertThat(out.toString()).startsWith("restored and verified");
        }
    }

    @Test
    void rowCountsThatDifferFromTheManifestAreFoundBeforeTheTargetIsWritten() throws Exception {
        Backup backup = backups.backup();
        Path manifest = backups.dir().resolve(backup.file().replace(".dump", ".json"));
        com.fasterxml.jackson.databind.node.ObjectNode json =
                (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode rows = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("row_counts");
        String table = rows.fieldNames().next();
        rows.put(table, rows.get(table).asLong() + 1);
        Files.writeString(manifest, json.toString());
        try (TestDatabase empty = TestPostgres.get().newEmptyDatabase()) {
            assertThatThrownBy(() -> backups.restores(empty.url()).restore(backup.file(), false))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("row counts differ").hasMessageContaining("nothing restored");
            assertThat(tables(empty)).as("the target untouched").isZero();
            assertThat(scratchDatabases(empty.jdbi())).as("no scratch database left").isZero();
        }
    }

    @Test
    void anArchiveThatDoesNotMatchItsManifestIsRefusedBeforeTheTargetIsTouched() throws Exception {
        Backup backup = backups.backup();
        try (TestDatabase target = TestPostgres.get().newEmptyDatabase()) {
            backups.restores(target.url()).restore(backup.file(), false);
            target.execute("INSERT INTO tags (name) VALUES ('written after the backup')");
            Map<String, Long> before = counts(target);
            Path archive = backups.dir().resolve(backup.file());
            byte[] bytes = Files.readAllBytes(archive);
            bytes[bytes.length / 2] ^= (byte) 0xff;
            Files.write(archive, bytes);
            assertThatThrownBy(() -> backups.restores(target.url()).restore(backup.file(), true))
                    .hasMessageContaining("changed since it was made").hasMessageContaining("nothing restored");
            assertThat(counts(target)).as("the target as it was").isEqualTo(before);
        }
    }

    @Test
    void aRestoreThatFailsHalfWayLeavesNothingBehind() throws Exception {
        Backup backup = backups.backup();
        try (TestDatabase empty = TestPostgres.get().newEmptyDatabase()) {
            // No table, so the restore goes ahead (its rehearsal in a scratch database passes), but
            // a sequence with the name of an index the archive creates after its tables and rows:
            // pg_restore fails there, half-way through the target. (A damaged archive fails on its
            // table of contents before it writes anything, and would pass without one transaction.)
            empty.execute("CREATE SEQUENCE posts_title_idx");
            assertThatThrownBy(() -> backups.restores(empty.url()).restore(backup.file(), false)).isInstanceOf(BackupException.class)
                    .hasMessageNotContaining("scratch");
            assertThat(tables(empty)).as("no half-restored tables").isZero();
        }
    }
}
