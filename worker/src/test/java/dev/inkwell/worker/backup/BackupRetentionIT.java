package dev.inkwell.worker.backup;

import dev.inkwell.domain.backup.Backup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.inkwell.worker.backup.BackupFixture.realTools;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention: a new backup deletes, file and manifest, all but the newest verified backups it
 * keeps, and a backup whose restore check failed is not one of them.
 */
class BackupRetentionIT {
    @RegisterExtension
    final BackupFixture backups = new BackupFixture();

    @Test
    void retentionKeepsExactlyTheNewestVerifiedOnes() throws Exception {
        Backups keepTwo = backups.into(backups.dir(), realTools(), 2);
        Backup first = backups.backup(keepTwo);
        Backup second = backups.backup(keepTwo);
        Backup third = backups.backup(keepTwo);
        assertThat(backups.dao().find(first.id()).orElseThrow().state()).isEqualTo(Backup.DELETED);
        assertThat(backups.dao().verified()).extracting(Backup::id).containsExactly(third.id(), second.id());
        assertThat(backups.files()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(second.file(), second.file().replace(".dump", ".json"),
                        third.file(), third.file().replace(".dump", ".json"));
    }

    @Test
    void aBackupWhoseRestoreCheckFailedIsNotKeptAsVerified() throws Exception {
        Backups keepTwo = backups.into(backups.dir(), realTools(), 2);
        Backup first = backups.backup(keepTwo);
        Backup bad = backups.backup(keepTwo);
        backups.dao().restoreChecked(bad.id(), "row counts differ");
        assertThat(backups.dao().verified()).extracting(Backup::id).containsExactly(first.id());
        Backup second = backups.backup(keepTwo);
        Backup third = backups.backup(keepTwo);
        assertThat(backups.dao().verified()).extracting(Backup::id).containsExactly(third.id(), second.id());
        assertThat(backups.dao().find(bad.id()).orElseThrow().state()).as("older than the ones kept").isEqualTo(Backup.DELETED);
        assertThat(backups.dao().find(first.id()).orElseThrow().state()).isEqualTo(Backup.DELETED);
    }
}
