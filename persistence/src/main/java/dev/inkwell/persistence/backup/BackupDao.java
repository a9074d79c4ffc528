package dev.inkwell.persistence.backup;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.backup.Backup;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The backups table: one row per backup, at most one "running" (the database refuses a second). */
@RegisterRowMapper(BackupMapper.class)
public interface BackupDao extends SqlObject {

    String COLUMNS = """
            id, state, file, size_bytes, sha256, schema_version, server_version, row_counts::text AS row_counts, error,
            started_at, finished_at, restore_checked_at, restore_check_error
            """;

    /** What a second backup is told while one runs (queued or in progress, on any worker). */
    String ALREADY_RUNNING = "a backup is already running";

    @SqlUpdate("INSERT INTO backups (id) VALUES (:id) ON CONFLICT (id) DO NOTHING")
    boolean insert(UUID id);

    /**
     * Starts backup {@code id}; false if it exists already. While another backup runs the database
     * refuses a second "running" row: a ConflictException that says so (not "duplicate value").
     */
    default boolean start(UUID id) {
        try {
            return insert(id);
        } catch (ConflictException e) {
            throw new ConflictException(ALREADY_RUNNING,
                    List.of(new FieldError("backup", ALREADY_RUNNING + "; wait for it to finish (GET /api/admin/backups)")));
        }
    }

    /** Marks running backups older than {@code limit} failed: their worker died without a word. */
    @SqlUpdate("""
            UPDATE backups SET state = 'failed', error = 'abandoned: still running after ' || :limitText, finished_at = now()
             WHERE state = 'running' AND started_at < now() - make_interval(secs => :limitSeconds)
            """)
    int abandonOlderThan(long limitSeconds, String limitText);

    default int abandonOlderThan(Duration limit) {
        return abandonOlderThan(limit.toSeconds(), limit.toString());
    }

    @SqlUpdate("""
            UPDATE backups
               SET state = 'verified', file = :file, size_bytes = :sizeBytes, sha256 = :sha256, schema_version = :schemaVersion,
                   server_version = :serverVersion, row_counts = CAST(:rowCounts AS jsonb), error = NULL, finished_at = now()
             WHERE id = :id
            """)
    void verified(UUID id, String file, long sizeBytes, String sha256, String schemaVersion, String serverVersion, String rowCounts);

    @SqlUpdate("UPDATE backups SET state = 'failed', error = left(:error, 1000), finished_at = now() WHERE id = :id AND state = 'running'")
    void failed(UUID id, String error);

    @SqlUpdate("UPDATE backups SET state = 'deleted' WHERE id = :id")
    void deleted(UUID id);

    @SqlUpdate("UPDATE backups SET restore_checked_at = now(), restore_check_error = :error WHERE id = :id")
    void restoreChecked(UUID id, String error);

    @SqlQuery("SELECT " + COLUMNS + " FROM backups WHERE id = :id")
    Optional<Backup> find(UUID id);

    /** Newest first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM backups ORDER BY started_at DESC, id LIMIT :limit")
    List<Backup> newest(int limit);

    /**
     * Backups to rely on, newest first: verified when made, and not failed by their latest restore
     * check. Retention keeps these; the health check's "newest verified backup" is the first.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM backups WHERE state = 'verified' AND restore_check_error IS NULL ORDER BY finished_at DESC, id")
    List<Backup> verified();

    /** Every backup whose archive is in place (verified when made), newest first, also those a restore check failed. */
    @SqlQuery("SELECT " + COLUMNS + " FROM backups WHERE state = 'verified' ORDER BY finished_at DESC, id")
    List<Backup> archived();
}
