package dev.inkwell.worker.backup;

import dev.inkwell.domain.backup.Backup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static dev.inkwell.worker.backup.BackupFixture.damaged;
import static dev.inkwell.worker.backup.BackupFixture.scratchDatabases;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The restore check: the newest backup restored into a scratch database (dropped after) and its
 * outcome recorded; a corrupted archive found, by its checksum or by the restore; a failed check
 * recorded and thrown; and the health check that turns unhealthy when scheduled backups are too
 * old or the last restore check failed. Restoring into a target database: {@link BackupRestoreIT}.
 */
class BackupRestoreCheckIT {
    @RegisterExtension
    final BackupFixture backups = new BackupFixture();

    @Test
    void theRestoreCheckRestoresTheNewestBackupIntoAScratchDatabaseAndRecordsAPass() {
        Backup backup = backups.backup();
        assertThat(backups.restores(backups.database().url()).checkNewest()).isTrue();
        Backup checked = backups.dao().find(backup.id()).orElseThrow();
        assertThat(checked.restoreCheckedAt()).isNotNull();
        assertThat(checked.restoreCheckError()).isNull();
        assertThat(scratchDatabases(backups.database().jdbi())).as("the scratch database is dropped").isZero();
    }

    @Test
    void theRestoreCheckDetectsACorruptedArchive() throws Exception {
        Backup original = backups.backup();
        // A copy of the backup, corrupted: bytes flipped in its middle.
        Path copy = backups.dir().resolve("copy-" + original.file());
        byte[] bytes = damaged(Files.readAllBytes(backups.dir().resolve(original.file())));
        Files.write(copy, bytes);
        Backup corrupted = new Backup(UUID.randomUUID(), Backup.VERIFIED, copy.getFileName().toString(), (long) bytes.length,
                original.sha256(), original.schemaVersion(), original.serverVersion(), original.rowCounts(), null,
                original.startedAt(), original.finishedAt(), null, null);
        assertThat(backups.restores(backups.database().url()).check(corrupted)).contains("changed since it was made");
        // Even with a matching checksum (as if the manifest were made from the damaged file), the restore tells.
        Backup sameSum = new Backup(corrupted.id(), corrupted.state(), corrupted.file(), corrupted.sizeBytes(), Backups.sha256(copy),
                corrupted.schemaVersion(), corrupted.serverVersion(), corrupted.rowCounts(), null, corrupted.startedAt(),
                corrupted.finishedAt(), null, null);
        assertThat(backups.restores(backups.database().url()).check(sameSum)).as("pg_restore tells, not the checksum")
                .contains("pg_restore").doesNotContain("changed since it was made");
        assertThat(backups.restores(backups.database().url()).check(original)).as("the original is intact").isNull();
    }

    @Test
    void aFailedRestoreCheckIsRecordedAndThrown() throws Exception {
        Backup backup = backups.backup();
        Files.write(backups.dir().resolve(backup.file()), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> backups.restores(backups.database().url()).checkNewest()).hasMessageContaining("restore check");
        assertThat(backups.dao().find(backup.id()).orElseThrow().restoreCheckError()).contains("changed since it was made");
    }

    @Test
    void healthIsUnhealthyWhenScheduledBackupsAreTooOldOrTheLastRestoreCheckFailed() throws Exception {
        assertThat(new BackupHealthCheck(backups.dao(), false, Duration.ofMillis(1)).execute().isHealthy())
                .as("no schedule: reports only").isTrue();
        BackupHealthCheck strict = new BackupHealthCheck(backups.dao(), true, Duration.ofMillis(1));
        Thread.sleep(5); // older than the 1 ms limit
        assertThat(strict.execute().isHealthy()).as("scheduled, but no backup").isFalse();
        assertThat(strict.execute().getMessage()).startsWith("no verified backup in");
        Backup backup = backups.backup();
        Thread.sleep(5); // the backup, too, is older than the 1 ms limit
        assertThat(strict.execute().isHealthy()).as("scheduled, the newest backup too old").isFalse();
        assertThat(strict.execute().getMessage()).contains(backup.file()).contains("is older than");
        BackupHealthCheck lenient = new BackupHealthCheck(backups.dao(), true, Duration.ofHours(1));
        assertThat(lenient.execute().isHealthy()).isTrue();
        backups.dao().restoreChecked(backup.id(), "row counts differ");
        assertThat(lenient.execute().getMessage()).contains("restore check").contains("row counts differ");
        assertThat(lenient.execute().isHealthy()).isFalse();
    }
}
