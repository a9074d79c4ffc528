package dev.inkwell.worker.backup;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inkwell.domain.backup.Backup;
import dev.inkwell.persistence.DatabaseFactory;
import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.backup.BackupDao;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Putting backups back: the restore check (the newest verified backup restored into a scratch
 * database, its rows counted against the manifest, the scratch database dropped), and the
 * operator's restore of a named archive into an empty database (or, told so, over one).
 */
public final class Restores {
    private final DatabaseUrl database;
    private final BackupDao dao;
    private final PgTools tools;
    private final Path dir;

    public Restores(DatabaseUrl database, BackupDao dao, PgTools tools, Path dir) {
        this.database = database;
        this.dao = dao;
        this.tools = tools;
        this.dir = dir;
    }

    /** Checks the newest verified backup and records the outcome; false when there is none yet. Throws when the check fails. */
    public boolean checkNewest() {
        // Also a backup whose last check failed: a failure of the moment (a busy server) passes when checked again.
        Backup newest = dao.archived().stream().findFirst().orElse(null);
        if (newest == null) {
            return false;
        }
        String error = check(newest);
        dao.restoreChecked(newest.id(), error);
        if (error != null) {
            throw new BackupException("restore check of " + newest.file() + " failed: " + error);
        }
        return true;
    }

    /** Null when {@code backup} restores into a fresh database with exactly its manifest's row counts; else what is wrong. */
    String check(Backup backup) {
        Path archive = dir.resolve(backup.file());
        if (!Files.isRegularFile(archive)) {
            return "the archive " + archive + " is missing";
        }
        String changed = changed(archive, backup.sha256());
        if (changed != null) {
            return changed;
        }
        return rehearse(archive, backup.rowCounts());
    }

    /** Null when {@code archive} restores into a scratch database with exactly {@code expected} rows; else what is wrong. */
    private String rehearse(Path archive, Map<String, Long> expected) {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String scratch = "inkwell_restore_check_" + HexFormat.of().formatHex(random);
        try {
            execute(database, "CREATE DATABASE " + scratch);
            DatabaseUrl scratchUrl = database.withDatabase(scratch);
            tools.restore(archive, scratchUrl, false);
            Map<String, Long> counts = counts(scratchUrl);
            return counts.equals(expected) ? null
                    : "row counts differ: restored " + counts + ", manifest " + expected;
        } catch (BackupException | SQLException e) {
            return e.getMessage();
        } finally {
            try {
                execute(database, "DROP DATABASE IF EXISTS " + scratch + " WITH (FORCE)");
            } catch (SQLException e) {
                // Reported by the next check's CREATE if the server is really gone.
            }
        }
    }

    /** What a restore put back: rows per table, and whether a manifest vouched for them. */
    public record Restored(Map<String, Long> rows, boolean verified) {
    }

    /**
     * Restores {@code archive} (a path, or a name in the backup folder) into the configured
     * database, which must be empty unless {@code replace}. Before it writes, the archive must
     * match its manifest's sha256 and restore into a scratch database with the manifest's row
     * counts (which needs CREATEDB, as the restore check does); after, the target's rows must
     * match too. Without a manifest it restores unverified. pg_restore runs as one transaction,
     * so a failed restore leaves the database as it was; a mismatch found after its commit
     * (another writer on the target) leaves the rows in place, and the error says so.
     */
    public Restored restore(String archiveName, boolean replace) {
        Path archive = Path.of(archiveName);
        if (!Files.isRegularFile(archive)) {
            archive = dir.resolve(archiveName);
        }
        if (!Files.isRegularFile(archive)) {
            throw new BackupException("no archive " + archiveName + " (nor in " + dir + ")");
        }
        JsonNode manifest = manifest(archive);
        String changed = manifest == null ? null : changed(archive, manifest.path("sha256").asText(""));
        if (changed != null) {
            throw new BackupException(changed + ": nothing restored");
        }
        try {
            long tables = tables(database);
            if (tables > 0 && !replace) {
                throw new BackupException("the database is not empty (" + tables + " tables); restore into an empty one,"
                        + " or pass --replace to drop and replace what the archive contains");
            }
            Map<String, Long> expected = manifest == null ? null : new ObjectMapper().convertValue(manifest.get("row_counts"),
                    new TypeReference<LinkedHashMap<String, Long>>() {
                    });
            // pg_restore commits before rows can be counted: count them in a scratch database first.
            String rehearsal = expected == null ? null : rehearse(archive, expected);
            if (rehearsal != null) {
                throw new BackupException("restored into a scratch database first: " + rehearsal + ": nothing restored");
            }
            tools.restore(archive, database, replace);
            Map<String, Long> counts = counts(database);
            if (expected == null) {
                return new Restored(counts, false);
            }
            if (!counts.equals(expected)) {
                // Only a writer beside us gets here: pg_restore has committed, the rows are in the target now.
                throw new BackupException("the restore WAS WRITTEN to the database, but its row counts differ from the"
                        + " manifest (restored " + counts + ", manifest " + expected + "): do not point the api or"
                        + " workers at it; drop it, or restore another archive with --replace");
            }
            return new Restored(counts, true);
        } catch (SQLException e) {
            throw new BackupException("database: " + e.getMessage());
        }
    }

    /** Null when {@code archive}'s sha256 is {@code expected} (the manifest's); else what is wrong. */
    private static String changed(Path archive, String expected) {
        try {
            String sha256 = Backups.sha256(archive);
            return sha256.equals(expected) ? null
                    : "the archive changed since it was made (sha256 " + sha256 + ", manifest " + expected + ")";
        } catch (IOException e) {
            return "cannot read " + archive + ": " + e.getMessage();
        }
    }

    /** The JSON manifest beside {@code archive}, or null when there is none. */
    private static JsonNode manifest(Path archive) {
        Path manifest = archive.resolveSibling(archive.getFileName().toString().replaceFirst("\\.dump$", ".json"));
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(manifest.toFile());
        } catch (IOException e) {
            throw new BackupException("the manifest " + manifest + " is unreadable: " + e.getMessage());
        }
    }

    /** {@code work} on one connection to {@code url}, opened for it and closed after. */
    private static <T> T onConnection(DatabaseUrl url, SqlWork<T> work) throws SQLException {
        try (DatabaseFactory.Database db = DatabaseFactory.of(url).openOutsideServer("restore");
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            return work.apply(s);
        }
    }

    private interface SqlWork<T> {
        T apply(Statement s) throws SQLException;
    }

    private static void execute(DatabaseUrl url, String sql) throws SQLException {
        onConnection(url, s -> s.execute(sql));
    }

    private static long tables(DatabaseUrl url) throws SQLException {
        return onConnection(url, s -> {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static Map<String, Long> counts(DatabaseUrl url) throws SQLException {
        return onConnection(url, Backups::countRows);
    }
}
