package dev.inkwell.api.job;

import com.codahale.metrics.health.HealthCheck;
import dev.inkwell.persistence.job.JobServers;
import org.jobrunr.storage.BackgroundJobServerStatus;
import org.jobrunr.storage.StorageProvider;

import java.util.List;

/**
 * "workers" (non-critical): whether any inkwell-worker runs a job server, from the heartbeats in
 * the job storage. Without one the api still accepts bulk updates (jobs wait in the storage), but
 * nothing runs them. Like the Redis check it then stays healthy, so readiness and the admin
 * port's /healthcheck stay up, and says "degraded: no worker is running ..." with degraded=true.
 */
public final class WorkersHealthCheck extends HealthCheck {
    /** What the health check and a waiting job say while no worker runs. */
    public static final String NONE_RUNNING = "no worker is running: jobs wait in the queue until an inkwell-worker runs";

    private final StorageProvider storage;

    public WorkersHealthCheck(StorageProvider storage) {
        this.storage = storage;
    }

    @Override
    protected Result check() {
        List<BackgroundJobServerStatus> running;
        try {
            running = JobServers.running(storage);
        } catch (RuntimeException e) {
            return degraded("the job storage does not answer, so whether a worker runs is unknown");
        }
        if (running.isEmpty()) {
            return degraded(NONE_RUNNING);
        }
        return Result.builder().healthy().withMessage(running.size() + " job server(s) running")
                .withDetail("job_servers", running.stream().map(BackgroundJobServerStatus::getName).toList())
                .build();
    }

    private static Result degraded(String why) {
        return Result.builder().healthy().withMessage("degraded: " + why).withDetail("degraded", true).build();
    }
}
