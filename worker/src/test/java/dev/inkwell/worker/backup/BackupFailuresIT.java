package dev.inkwell.worker.backup;

import dev.inkwell.domain.backup.Backup;
import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.inkwell.worker.backup.BackupFixture.realTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A backup that cannot be made is a failed backup with a clear error, and leaves no file behind
 * nor touches older backups: pg_dump failing or missing, a folder that cannot be written or is
 * full, a database out of reach, and a second backup while one runs, here or on another worker.
 */
class BackupFailuresIT {
    @RegisterExtension
    final BackupFixture backups = new BackupFixture();

    @Test
    void aPgDumpThatFailsLeavesAFailedBackupNoFileAndOlderBackupsUntouched() throws Exception {
        Backup good = backups.backup();
        List<Path> before = backups.files();
        Path failing = backups.dir().getParent().resolve("failing-pg_dump-" + UUID.randomUUID());
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
        backups.dao().start(id);
        assertThatThrownBy(() -> backups.into(backups.dir(), broken, 3).make(id))
                .hasMessageContaining("exited with 3").hasMessageContaining("simulated failure");
        assertThat(backups.dao().find(id).orElseThrow().state()).isEqualTo(Backup.FAILED);
        assertThat(backups.files()).isEqualTo(before);
        assertThat(backups.dao().find(good.id()).orElseThrow().state()).isEqualTo(Backup.VERIFIED);
        Files.delete(failing);
    }

    @Test
    void aMissingOrTooOldPgDumpIsAClearError() throws Exception {
        UUID id = UUID.randomUUID();
        backups.dao().start(id);
        PgTools missing = new PgTools("/nonexistent/pg_dump", "pg_restore", Duration.ofMinutes(1));
        assertThatThrownBy(() -> backups.into(backups.dir(), missing, 3).make(id))
                .hasMessageContaining("/nonexistent/pg_dump is not installed");
        assertThat(backups.dao().find(id).orElseThrow().error()).contains("not installed");

        // A pg_dump older than the server would write an archive the server's tools may not restore.
        Path old = backups.dir().resolve("pg_dump-9.6");
        Files.writeString(old, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n");
        old.toFile().setExecutable(true);
        UUID again = UUID.randomUUID();
        backups.dao().start(again);
        assertThatThrownBy(() -> backups.into(backups.dir(), new PgTools(old.toString(), "pg_restore", Duration.ofMinutes(1)), 3)
                .make(again)).hasMessageContaining(old + " is version 9, but the server is");
        assertThat(backups.dao().find(again).orElseThrow().state()).isEqualTo(Backup.FAILED);
    }

    @Test
    void anUnwritableFolderLeavesAFailedBackup() throws Exception {
        Path file = backups.dir().resolve("not-a-folder");
        Files.writeString(file, "x");
        UUID id = UUID.randomUUID();
        backups.dao().start(id);
        assertThatThrownBy(() -> backups.into(file.resolve("backups"), realTools(), 3).make(id)).hasMessageContaining("backup folder");
        assertThat(backups.dao().find(id).orElseThrow().state()).isEqualTo(Backup.FAILED);
    }

    @Test
    void aFullFolderLeavesAFailedBackupNoHalfFileAndOlderBackupsUntouched() throws Exception {
        Path tiny = Files.createTempDirectory("inkwell-full");
        try {
            // A 16 KiB file system: smaller than any archive. Mounting needs privileges this machine may not give.
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", tiny.toString())
                    .redirectErrorStream(true).start();
            boolean mounted = mount.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && mount.exitValue() == 0;
            org.junit.jupiter.api.Assumptions.assumeTrue(mounted, "cannot mount a small tmpfs here");
            try {
                Files.writeString(tiny.resolve("older.dump"), "an older backup");
                UUID id = UUID.randomUUID();
                backups.dao().start(id);
                assertThatThrownBy(() -> backups.into(tiny, realTools(), 3).make(id)).isInstanceOf(BackupException.class);
                assertThat(backups.dao().find(id).orElseThrow().state()).isEqualTo(Backup.FAILED);
                try (Stream<Path> left = Files.list(tiny)) {
                    assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("older.dump");
                }
                assertThat(Files.readString(tiny.resolve("older.dump"))).isEqualTo("an older backup");
            } finally {
                new ProcessBuilder("umount", tiny.toString()).start().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            Files.deleteIfExists(tiny); // the mount point, empty again once unmounted (or never mounted)
        }
    }

    @Test
    void anUnreachableDatabaseLeavesAFailedBackup() throws Exception {
        DatabaseUrl nowhere = TestPostgres.unreachable();
        UUID id = UUID.randomUUID();
        backups.dao().start(id);
        Backups unreachable = new Backups(TestPostgres.dataSource(nowhere), nowhere, backups.dao(), realTools(), backups.dir(), 3);
        assertThatThrownBy(() -> unreachable.make(id)).hasMessageContaining("database");
        assertThat(backups.dao().find(id).orElseThrow().state()).isEqualTo(Backup.FAILED);
        assertThat(backups.files()).isEmpty();
    }

    @Test
    void aSecondBackupWhileOneRunsIsRefused() throws Exception {
        UUID running = UUID.randomUUID();
        backups.dao().start(running);
        assertThatThrownBy(() -> backups.dao().start(UUID.randomUUID())).isInstanceOf(dev.inkwell.domain.ConflictException.class);
        // Across workers: the advisory lock of a backup in progress elsewhere.
        backups.dao().failed(running, "test");
        try (Connection other = backups.database().dataSource().getConnection(); Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + dev.inkwell.persistence.AdvisoryLock.BACKUP.key() + ")");
            Backup refused = backups.backup();
            assertThat(refused.state()).isEqualTo(Backup.FAILED);
            assertThat(refused.error()).isEqualTo("another backup is running");
        }
    }
}
