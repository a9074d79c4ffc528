package dev.inkwell.worker.backup;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.domain.backup.Backup;
import dev.inkwell.persistence.backup.BackupDao;

import java.util.List;
import java.util.function.Function;

/**
 * The newest verified backup, for operators' dashboards: when it finished
 * ({@code inkwell_backup_last_success_timestamp_seconds}) and its size
 * ({@code inkwell_backup_last_size_bytes}). Read from the backups table (any worker may have made
 * it) at each scrape (a scrape a minute or so, each an indexed read of a few rows); absent while
 * there is none or the database does not answer (a scrape never fails for it). Whether it is
 * too old is the "backups" health check's to say.
 */
public final class BackupMetrics {
    private BackupMetrics() {
    }

    public static void register(MetricRegistry metrics, BackupDao backups) {
        metrics.gauge("backups.newest-verified.finished-at", () -> () -> newest(backups, b -> b.finishedAt().toEpochSecond()));
        metrics.gauge("backups.newest-verified.size", () -> () -> newest(backups, Backup::sizeBytes));
    }

    /** The value of the newest verified backup, or null (the Prometheus export leaves a null gauge out). */
    private static Long newest(BackupDao backups, Function<Backup, Long> value) {
        try {
            List<Backup> archived = backups.archived();
            return archived.isEmpty() ? null : value.apply(archived.get(0));
        } catch (RuntimeException e) {
            return null; // PostgreSQL does not answer: no value, the next scrape asks again
        }
    }
}
