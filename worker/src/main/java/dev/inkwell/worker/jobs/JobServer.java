package dev.inkwell.worker.jobs;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;
import org.jobrunr.dashboard.JobRunrDashboardWebServer;
import org.jobrunr.dashboard.JobRunrDashboardWebServerConfiguration;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

import java.util.UUID;

/**
 * This process's JobRunr BackgroundJobServer (and the dashboard when a password is set), in
 * Dropwizard's lifecycle: started with the app, stopped on shutdown, which hands the jobs it
 * was running back to the storage for another worker.
 */
public final class JobServer implements Managed {
    private final BackgroundJobServer server;
    private final JobRunrDashboardWebServer dashboard;

    public JobServer(StorageProvider storage, JobActivator activator, JobsFactory config, String name) {
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

    /** Healthy while this server runs and is announced to the storage (its heartbeat). */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                if (!server.isRunning()) {
                    return Result.unhealthy("the job server is not running");
                }
                return server.isAnnounced() ? Result.healthy("running, id " + server.getId())
                        : Result.unhealthy("the job server is not announced to the job storage yet");
            }
        };
    }
}
