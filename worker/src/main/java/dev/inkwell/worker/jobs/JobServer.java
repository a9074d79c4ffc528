package dev.inkwell.worker.jobs;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;
import org.jobrunr.dashboard.JobRunrDashboardWebServer;
import org.jobrunr.dashboard.JobRunrDashboardWebServerConfiguration;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.BackgroundJobServerStatus;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * This process's JobRunr BackgroundJobServer (and the dashboard when a password is set), in
 * Dropwizard's lifecycle: started with the app, stopped on shutdown, which hands the jobs it
 * was running back to the storage for another worker.
 */
public final class JobServer implements Managed {
    private final BackgroundJobServer server;
    private final JobRunrDashboardWebServer dashboard;
    private final StorageProvider storage;
    private final java.time.Duration heartbeatLimit;

    public JobServer(StorageProvider storage, JobActivator activator, JobsFactory config, String name) {
        this.storage = storage;
        // JobRunr declares a server dead after 4 missed polls; we say unhealthy after 2.
        this.heartbeatLimit = java.time.Duration.ofMillis(2 * config.getPollInterval().toMilliseconds());
        this.server = new BackgroundJobServer(storage, new JacksonJsonMapper(), activator,
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andName(name + "-" + UUID.randomUUID().toString().substring(0, 8))
                        .andWorkerCount(config.getWorkerCount())
                        .andPollInterval(java.time.Duration.ofMillis(config.getPollInterval().toMilliseconds())));
        this.dashboard = config.getDashboardPassword().isEmpty() ? null
                : new JobRunrDashboardWebServer(storage, new JacksonJsonMapper(),
                        JobRunrDashboardWebServerConfiguration.usingStandardDashboardConfiguration()
                                .andPort(config.getDashboardPort())
                                .andBasicAuthentication("admin", config.getDashboardPassword())
                                .andAllowAnonymousDataUsage(false));
    }

    @Override
    public void start() {
        server.start();
        if (dashboard != null) {
            dashboard.start();
        }
    }

    @Override
    public void stop() {
        if (dashboard != null) {
            dashboard.stop();
        }
        server.stop();
    }

    /**
     * Healthy while this server runs and the job storage (read now) holds a recent heartbeat of
     * it: the storage answers and other workers see this one alive.
     */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                if (!server.isRunning()) {
                    return Result.unhealthy("the job server is not running");
                }
                Optional<BackgroundJobServerStatus> self = storage.getBackgroundJobServers().stream()
                        .filter(s -> s.getId().equals(server.getId())).findFirst();
                if (self.isEmpty()) {
                    return Result.unhealthy("the job storage does not know this server (yet)");
                }
                java.time.Duration age = java.time.Duration.between(self.get().getLastHeartbeat(), Instant.now());
                if (age.compareTo(heartbeatLimit) > 0) {
                    return Result.unhealthy("the last heartbeat in the job storage is " + age.toSeconds() + " s old");
                }
                return Result.builder().healthy().withMessage("running")
                        .withDetail("server_id", server.getId().toString())
                        .withDetail("heartbeat_age_ms", age.toMillis())
                        .build();
            }
        };
    }
}
