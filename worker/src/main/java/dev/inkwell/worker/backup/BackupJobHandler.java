package dev.inkwell.worker.backup;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.persistence.backup.BackupDao;
import dev.inkwell.persistence.job.BackupJobRequest;
import dev.inkwell.persistence.job.BackupJobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.UUID;

/**
 * The backup job, manual (the api has started the backup's row) or scheduled (a new row per
 * run; skipped while another backup runs). Running it again continues the same backup.
 */
public final class BackupJobHandler implements BackupJobRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BackupJobHandler.class);

    private final BackupDao dao;
    private final Backups backups;
    private final Duration timeout;

    public BackupJobHandler(BackupDao dao, Backups backups, Duration timeout) {
        this.dao = dao;
        this.backups = backups;
        this.timeout = timeout;
    }

    @Override
    public void run(BackupJobRequest request) {
        dao.abandonOlderThan(timeout);
        UUID id = request.backupId() != null ? request.backupId() : jobContext().getJobId();
        try {
            dao.start(id);
        } catch (ConflictException e) {
            LOG.info("scheduled backup skipped: another backup is running");
            return;
        }
        backups.make(id);
    }
}
