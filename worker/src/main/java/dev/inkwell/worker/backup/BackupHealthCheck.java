package dev.inkwell.worker.backup;

import com.codahale.metrics.health.HealthCheck;
import dev.inkwell.domain.backup.Backup;
import dev.inkwell.persistence.backup.BackupDao;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * "backups": unhealthy when backups are scheduled and the newest verified one is older than
 * {@code maxAge} (none at all counts once the worker has run that long), or when the newest
 * restore check failed. Without a schedule it only reports.
 */
public final class BackupHealthCheck extends HealthCheck {
    private final BackupDao dao;
    private final boolean scheduled;
    private final Duration maxAge;
    private final Instant started = Instant.now();

    public BackupHealthCheck(BackupDao dao, boolean scheduled, Duration maxAge) {
        this.dao = dao;
        this.scheduled = scheduled;
        this.maxAge = maxAge;
    }

    @Override
    protected Result check() {
        List<Backup> verified = dao.verified();
        Backup newest = verified.isEmpty() ? null : verified.get(0);
        Backup checked = dao.archived().stream().filter(b -> b.restoreCheckedAt() != null)
                .max((a, b) -> a.restoreCheckedAt().compareTo(b.restoreCheckedAt())).orElse(null);
        if (checked != null && checked.restoreCheckError() != null) {
            return Result.unhealthy("the last restore check (of " + checked.file() + ") failed: " + checked.restoreCheckError());
        }
        if (scheduled) {
            Instant since = newest == null ? started : newest.finishedAt().toInstant();
            if (Duration.between(since, Instant.now()).compareTo(maxAge) > 0) {
                return Result.unhealthy(newest == null ? "no verified backup in " + maxAge
                        : "the newest verified backup (" + newest.file() + ") is older than " + maxAge);
            }
        }
        OffsetDateTime at = newest == null ? null : newest.finishedAt();
        return Result.builder().healthy()
                .withMessage(newest == null ? "no verified backup yet" : "newest verified backup " + newest.file())
                .withDetail("newest_verified_at", at == null ? null : at.toString())
                .withDetail("scheduled", scheduled)
                .build();
    }
}
