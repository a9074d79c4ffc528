package dev.inkwell.worker.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inkwell.domain.backup.Backup;
import dev.inkwell.persistence.testing.SchemaSnapshot;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;

import static dev.inkwell.worker.backup.BackupFixture.counts;
import static dev.inkwell.worker.backup.BackupFixture.realTools;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Making a backup with the real pg_dump: an archive and a manifest that matches it (checksum,
 * size, schema and server versions, row counts), which restores every row but the backups
 * table's, with no temporary file left, and files and folder the owner's only, also while pg_dump
 * writes. A backup that cannot be made: {@link BackupFailuresIT}; restoring: {@link BackupRestoreIT}.
 */
class BackupArchiveIT {
    @RegisterExtension
    final BackupFixture backups = new BackupFixture();

    @Test
    void aBackupHasAManifestMatchingItsFileAndRestoresEveryRow() throws Exception {
        Backup backup = backups.backup();
        assertThat(backup.state()).as(backup.error()).isEqualTo(Backup.VERIFIED);
        Path archive = backups.dir().resolve(backup.file());
        Path manifestFile = backups.dir().resolve(backup.file().replace(".dump", ".json"));
        JsonNode manifest = new ObjectMapper().readTree(manifestFile.toFile());
        assertThat(manifest.get("sha256").asText()).isEqualTo(Backups.sha256(archive)).isEqualTo(backup.sha256());
        assertThat(manifest.get("size_bytes").asLong()).isEqualTo(Files.size(archive));
        assertThat(manifest.get("schema_version").asText()).isEqualTo(SchemaSnapshot.NEWEST_CHANGE_SET);
        assertThat(manifest.get("server_version").asText()).startsWith("15");
        assertThat(backup.rowCounts()).isEqualTo(counts(backups.database())).containsEntry("posts", 500L);
        assertThat(backups.files()).as("no temporary files left")
                .allSatisfy(f -> assertThat(f.getFileName().toString()).doesNotStartWith("."));

        try (TestDatabase fresh = TestPostgres.get().newEmptyDatabase()) {
            realTools().restore(archive, fresh.url(), false);
            assertThat(counts(fresh)).isEqualTo(backup.rowCounts());
            long backupRows = fresh.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM backups").mapTo(Long.class).one());
            assertThat(backupRows).as("the backups table's rows are left out").isZero();
        }
    }

    @Test
    void backupFilesAndTheirFolderAreTheOwnersOnlyAlsoWhileBeingWritten() throws Exception {
        Path folder = backups.dir().resolve("private");
        Path modes = backups.dir().resolve("modes-seen-by-pg_dump");
        Path recording = backups.dir().resolve("recording-pg_dump");
        Files.writeString(recording, """
                #!/bin/sh
                for a in "$@"; do case "$a" in --file=*) stat -c %%a "${a#--file=}" > %s;; esac; done
                exec pg_dump "$@"
                """.formatted(modes));
        Files.setPosixFilePermissions(recording, PosixFilePermissions.fromString("rwx------"));
        PgTools tools = new PgTools(recording.toString(), "pg_restore", Duration.ofMinutes(2));
        Backup backup = backups.backup(backups.into(folder, tools, 3));
        assertThat(backup.state()).as(backup.error()).isEqualTo(Backup.VERIFIED);
        assertThat(Files.readString(modes).strip()).as("the temporary file before pg_dump writes").isEqualTo("600");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.toList()).hasSize(2).allSatisfy(f ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------"));
        }
    }
}
