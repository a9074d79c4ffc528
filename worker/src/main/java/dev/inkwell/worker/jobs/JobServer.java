package dev.inkwell.worker.jobs;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;
import org.jobrunr.dashboard.JobRunrDashboardWebServer;
import org.jobrunr.dashboard.JobRunrDashboardWebServerConfiguration;
import org.jobrunr.jobs.filters.JobFilter;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.server.JobSteward;
import org.jobrunr.storage.BackgroundJobServerStatus;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This process's JobRunr BackgroundJobServer (and the dashboard when a password is set), in
 * Dropwizard's lifecycle, kept running by a {@link JobServerSupervisor} that looks every second
 * on its own thread. Stopping the app hands the jobs this server was running back to the storage.
 */
public final class JobServer implements Managed {
    /** The supervisor's passes come every second; this many seconds without one: it is wedged. */
    static final Duration SUPERVISOR_LIMIT = Duration.ofSeconds(60);

    private final StorageProvider storage;
    private final JobActivator activator;
    private final List<JobFilter> filters;
    private final JobsFactory config;
    private final String name;
    private final Duration heartbeatLimit;
    private final JobServerSupervisor supervision;
    private final JobRunrDashboardWebServer dashboard;
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-server-supervisor");
        t.setDaemon(true);
        return t;
    });

    /**
     * {@code onStart} runs after each start of a job server, once the storage answers (e.g. the
     * recurring schedules, which are written to the storage); {@code validate} throws when the
     * database is not migrated, and is asked before the first start; {@code filters} see every job
     * run (e.g. {@link JobMetrics}), beside JobRunr's own.
     */
    public JobServer(StorageProvider storage, JobActivator activator, JobsFactory config, String name,
                     Runnable validate, Runnable onStart, List<JobFilter> filters) {
        this.storage = storage;
        this.activator = activator;
        this.filters = List.copyOf(filters);
        this.config = config;
        this.name = name;
        // JobRunr declares a server dead after 4 missed polls; we say unhealthy after 2.
        this.heartbeatLimit = Duration.ofMillis(2 * config.getPollInterval().toMilliseconds());
        this.supervision = new JobServerSupervisor(storage, this::newServer, validate, onStart);
        this.dashboard = config.getDashboardPassword().isEmpty() ? null
                : new JobRunrDashboardWebServer(storage, new JacksonJsonMapper(),
                        JobRunrDashboardWebServerConfiguration.usingStandardDashboardConfiguration()
                                .andPort(config.getDashboardPort())
                                .andBasicAuthentication("admin", config.getDashboardPassword())
                                .andAllowAnonymousDataUsage(false));
    }

    @Override
    public void start() {
        supervision.pass();
        if (dashboard != null) {
            dashboard.start();
        }
        supervisor.scheduleWithFixedDelay(supervision::pass, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        supervision.stopStarting(); // a pass still asking the storage starts nothing afterwards
        supervisor.shutdown();
        supervisor.awaitTermination(30, TimeUnit.SECONDS);
        if (dashboard != null) {
            dashboard.stop();
        }
        supervision.stop();
    }

    private BackgroundJobServer newServer() {
        BackgroundJobServer server = new BackgroundJobServer(storage, new JacksonJsonMapper(), activator,
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andName(name + "-" + UUID.randomUUID().toString().substring(0, 8))
                        .andWorkerCount(config.getWorkerCount())
                        .andPollInterval(Duration.ofMillis(config.getPollInterval().toMilliseconds())));
        server.setJobFilters(filters); // JobRunr keeps its own (retries) beside them
        return server;
    }

    /**
     * Makes the running job server look for enqueued jobs now instead of at its next poll. JobRunr
     * has one public door to that: a worker thread going idle makes its steward fetch new work (up
     * to the idle threads) at once. So this counts one thread busy and then idle again, a no-op
     * for the count; the fetch is JobRunr's own (locked, so never two at once).
     */
    public void onboardNow() {
        BackgroundJobServer current = supervision.server();
        if (current != null && current.isRunning()) {
            JobSteward steward = current.getJobSteward();
            steward.notifyThreadOccupied();
            steward.notifyThreadIdle();
        }
    }

    /**
     * Healthy while a job server runs and the job storage (read now) holds a recent heartbeat of
     * it: the storage answers and other workers see this one alive.
     */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                BackgroundJobServer current = supervision.server();
                String waiting = supervision.waitingFor();
                if (current == null || !current.isRunning()) {
                    return Result.unhealthy("the job server is not running" + (waiting == null ? "" : ": " + waiting));
                }
                Optional<BackgroundJobServerStatus> self;
                try {
                    self = storage.getBackgroundJobServers().stream().filter(s -> s.getId().equals(current.getId())).findFirst();
                } catch (RuntimeException e) {
                    return Result.unhealthy("the job storage does not answer: " + JobServerSupervisor.message(e));
                }
                if (self.isEmpty()) {
                    return Result.unhealthy("the job storage does not know this server (yet)");
                }
                Duration age = Duration.between(self.get().getLastHeartbeat(), Instant.now());
                if (age.compareTo(heartbeatLimit) > 0) {
                    return Result.unhealthy("the last heartbeat in the job storage is " + age.toSeconds() + " s old");
                }
                return Result.builder().healthy().withMessage("running")
                        .withDetail("server_id", current.getId().toString())
                        .withDetail("heartbeat_age_ms", age.toMillis())
                        .build();
            }
        };
    }

    /**
     * Alive while the supervisor completes its passes: one stuck (e.g. on a storage call that
     * never returns) would never start a job server again, which only a restart cures.
     */
    public HealthCheck supervisorCheck() {
        return supervision.aliveCheck(SUPERVISOR_LIMIT);
    }
}
