package dev.inkwell.persistence.job;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import org.jdbi.v3.core.Jdbi;
import org.jobrunr.scheduling.JobRequestScheduler;

import java.util.List;
import java.util.UUID;

/**
 * Enqueues restore checks one at a time, as backups are: while one is queued or running (on any
 * worker), or failed and waiting for its retry (SCHEDULED) or AWAITING, another is a conflict.
 * A transaction-scoped advisory lock makes the look and the enqueue one step across api
 * instances; JobRunr commits the job before the lock is released.
 */
public final class RestoreChecks {
    /** What a second restore check is told. */
    public static final String ALREADY_QUEUED = "a restore check is already queued or running";
    /** The advisory lock key of "enqueueing a restore check". */
    private static final long LOCK = dev.inkwell.persistence.AdvisoryLock.RESTORE_CHECK.key();

    private final Jdbi jdbi;
    private final JobRequestScheduler scheduler;

    public RestoreChecks(Jdbi jdbi, JobRequestScheduler scheduler) {
        this.jdbi = jdbi;
        this.scheduler = scheduler;
    }

    /** The new job's id; a ConflictException while another restore check is not yet done (nor deleted). */
    public UUID enqueue(RestoreCheckJobRequest request) {
        return jdbi.inTransaction(h -> {
            h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:lock)) locked").bind("lock", LOCK).mapTo(Integer.class).one();
            long pending = h.createQuery("""
                            SELECT count(*) FROM jobrunr_jobs
                             WHERE state IN ('AWAITING', 'SCHEDULED', 'ENQUEUED', 'PROCESSING') AND jobsignature LIKE :signature
                            """)
                    .bind("signature", "%" + RestoreCheckJobRequest.class.getName() + "%")
                    .mapTo(Long.class).one();
            if (pending > 0) {
                throw new ConflictException(ALREADY_QUEUED,
                        List.of(new FieldError("restore_check", ALREADY_QUEUED + "; its outcome shows on the newest backup")));
            }
            return scheduler.enqueue(request).asUUID();
        });
    }
}
