package dev.inkwell.worker.backup;

import dev.inkwell.domain.backup.Backup;
import dev.inkwell.persistence.AdvisoryLock;
import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.backup.BackupDao;
import dev.inkwell.persistence.backup.BackupMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Making a backup, start to end: in one REPEATABLE READ transaction it exports a snapshot and
 * counts the main tables in it; pg_dump -Fc dumps that same snapshot to a temporary file; the
 * archive must pass pg_restore --list; then it is renamed into place next to a JSON manifest
 * (file, size, sha256, times, schema and server version, row counts) and recorded as verified.
 * Any failure removes the temporary file and leaves older backups as they were. A session
 * advisory lock keeps two backups from running at once, across every worker.
 */
public final class Backups {
    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);
    private static final long LOCK = AdvisoryLock.BACKUP.key();
    /**
     * Counted in the archive's snapshot; a restore must give the same numbers. Every table of the
     * schema is here or named, with its reason, in BackupTablesIT.
     */
    static final List<String> TABLES = List.of("users", "profiles", "categories", "tags", "posts", "post_search", "post_tags", "comments",
            "api_tokens", "bulk_updates", "bulk_update_chunks", "invitations");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final DatabaseUrl database;
    private final BackupDao dao;
    private final PgTools tools;
    private final Path dir;
    private final int keep;

    public Backups(DataSource dataSource, DatabaseUrl database, BackupDao dao, PgTools tools, Path dir, int keep) {
        this.dataSource = dataSource;
        this.database = database;
        this.dao = dao;
        this.tools = tools;
        this.dir = dir;
        this.keep = keep;
    }

    /** Makes backup {@code id} (its row must exist, "running"); records the outcome; then applies retention. */
    public Backup make(UUID id) {
        try (Connection c = dataSource.getConnection()) {
            if (!tryLock(c)) {
                dao.failed(id, "another backup is running");
                return dao.find(id).orElseThrow();
            }
            try {
                archive(c, id);
            } finally {
                unlock(c);
            }
        } catch (SQLException e) {
            dao.failed(id, "database: " + e.getMessage());
            throw new BackupException("database: " + e.getMessage());
        } catch (RuntimeException e) {
            dao.failed(id, e.getMessage());
            throw e;
        }
        retain();
        return dao.find(id).orElseThrow();
    }

    private void archive(Connection c, UUID id) throws SQLException {
        Instant started = Instant.now();
        String name = "inkwell-" + STAMP.format(started) + "-" + id.toString().substring(0, 8);
        Path partial = dir.resolve("." + name + ".dump.partial");
        Path archive = dir.resolve(name + ".dump");
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement s = c.createStatement()) {
            String snapshot = one(s, "SELECT pg_export_snapshot()");
            String serverVersion = one(s, "SHOW server_version");
            int serverMajor = Integer.parseInt(one(s, "SHOW server_version_num")) / 10_000;
            String schemaVersion = one(s, "SELECT id FROM databasechangelog ORDER BY orderexecuted DESC LIMIT 1");
            Map<String, Long> counts = countRows(s);
            tools.requireDumpFor(serverMajor);
            BackupFiles.ownerOnlyFolder(dir);
            BackupFiles.ownerOnlyFile(partial); // pg_dump writes into it, keeping its mode
            tools.dump(database, snapshot, "backups", partial);
            String toc = tools.list(partial);
            if (!toc.contains("TABLE DATA public posts")) {
                throw new BackupException("the archive has no data for posts: " + partial.getFileName());
            }
            long size = Files.size(partial);
            String sha256 = sha256(partial);
            BackupFiles.move(partial, archive);
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("id", id.toString());
            manifest.put("file", archive.getFileName().toString());
            manifest.put("size_bytes", size);
            manifest.put("sha256", sha256);
            manifest.put("started_at", started.toString());
            manifest.put("finished_at", Instant.now().toString());
            manifest.put("duration_ms", java.time.Duration.between(started, Instant.now()).toMillis());
            manifest.put("schema_version", schemaVersion);
            manifest.put("server_version", serverVersion);
            manifest.put("row_counts", counts);
            Path manifestPartial = dir.resolve("." + name + ".json.partial");
            BackupFiles.ownerOnlyFile(manifestPartial);
            Files.writeString(manifestPartial, BackupFiles.json(manifest), StandardCharsets.UTF_8);
            BackupFiles.move(manifestPartial, dir.resolve(name + ".json"));
            dao.verified(id, archive.getFileName().toString(), size, sha256, schemaVersion, serverVersion, BackupMapper.countsJson(counts));
            LOG.info("backup {} verified: {} ({} bytes)", id, archive.getFileName(), size);
        } catch (IOException e) {
            throw new BackupException("backup folder " + dir + ": " + e);
        } finally {
            BackupFiles.deleteQuietly(partial);
            BackupFiles.deleteQuietly(dir.resolve("." + name + ".json.partial"));
            c.rollback();
            c.setAutoCommit(autoCommit);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    /**
     * Keeps the newest {@code keep} verified backups whose restore check did not fail; older
     * archives go, file and manifest (also those a restore check failed). Runs only after a backup
     * was verified.
     */
    void retain() {
        List<Backup> trusted = dao.verified();
        if (trusted.isEmpty()) {
            return;
        }
        List<Backup> kept = trusted.subList(0, Math.min(keep, trusted.size()));
        java.time.OffsetDateTime oldestKept = kept.get(kept.size() - 1).finishedAt();
        for (Backup old : dao.archived()) {
            if (kept.contains(old) || !old.finishedAt().isBefore(oldestKept)) {
                continue;
            }
            try {
                Files.deleteIfExists(dir.resolve(old.file()));
                Files.deleteIfExists(dir.resolve(old.file().replaceFirst("\\.dump$", ".json")));
                dao.deleted(old.id());
                LOG.info("backup {} deleted by retention (keeping {})", old.file(), keep);
            } catch (IOException e) {
                LOG.warn("retention could not delete {}: {}", old.file(), e.toString());
            }
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + LOCK + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void unlock(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
        }
    }

    /** Rows of each of {@link #TABLES}, as {@code s} sees them (in a backup: the archive's snapshot). */
    static Map<String, Long> countRows(Statement s) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            // A table that a later changeset added is not in an older archive, nor in its manifest.
            if (one(s, "SELECT to_regclass('public." + table + "') IS NOT NULL").equals("t")) {
                counts.put(table, Long.parseLong(one(s, "SELECT count(*) FROM " + table)));
            }
        }
        return counts;
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
