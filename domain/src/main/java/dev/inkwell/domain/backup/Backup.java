package dev.inkwell.domain.backup;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A backup of the database: "running" (queued or in progress), "verified" (the archive is in
 * place, complete and readable by pg_restore), "failed", or "deleted" (by retention). Row
 * counts were taken in the archive's own snapshot, so a restore must reproduce them exactly.
 */
public record Backup(UUID id, String state, String file, Long sizeBytes, String sha256, String schemaVersion,
                     String serverVersion, Map<String, Long> rowCounts, String error, OffsetDateTime startedAt,
                     OffsetDateTime finishedAt, OffsetDateTime restoreCheckedAt, String restoreCheckError) {

    public static final String RUNNING = "running";
    public static final String VERIFIED = "verified";
    public static final String FAILED = "failed";
    public static final String DELETED = "deleted";

    public Backup {
        rowCounts = rowCounts == null ? null : Map.copyOf(rowCounts);
    }
}
