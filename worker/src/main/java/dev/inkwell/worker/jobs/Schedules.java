package dev.inkwell.worker.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.scheduling.JobRequestScheduler;

import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The recurring jobs, from the worker's configuration. They live in the job storage, shared by
 * every worker, so they are written again whenever a job server starts (the storage may have
 * been down before), and an emptied cron removes its schedule.
 */
public final class Schedules implements Runnable {
    /** JobRunr's recurring job {@code id} runs {@code request} on {@code cron} (UTC); an empty cron: not at all. */
    public record Schedule(String id, String cron, JobRequest request) {
    }

    private final JobRequestScheduler scheduler;
    private final List<Schedule> schedules;

    public Schedules(JobRequestScheduler scheduler, Schedule... schedules) {
        this.scheduler = scheduler;
        this.schedules = List.of(schedules);
    }

    @Override
    public void run() {
        for (Schedule schedule : schedules) {
            if (schedule.cron().isEmpty()) {
                scheduler.deleteRecurringJob(schedule.id());
            } else {
                write(schedule);
            }
        }
    }

    /**
     * JobRunr inserts a recurring job it does not find, so two workers starting at the same moment
     * both insert it and one meets the other's row (a unique violation, 23505). That row is the
     * schedule both meant: written again, it is found and updated.
     */
    private void write(Schedule schedule) {
        try {
            scheduler.scheduleRecurrently(schedule.id(), schedule.cron(), ZoneOffset.UTC, schedule.request());
        } catch (RuntimeException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            scheduler.scheduleRecurrently(schedule.id(), schedule.cron(), ZoneOffset.UTC, schedule.request());
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
