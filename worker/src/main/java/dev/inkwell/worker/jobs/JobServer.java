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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This process's JobRunr BackgroundJobServer (and the dashboard when a password is set), in
 * Dropwizard's lifecycle, kept running by a supervisor. JobRunr stops its server for good when
 * its storage fails once ("An unrecoverable error occurred"), and a worker started while
 * PostgreSQL is down would never get one: every second the supervisor looks, and once the storage
 * answers again it stops what is left of the old server and starts a new one (never two at
 * once). While the storage does not answer it tries again after 1 s, 2 s, 4 s... at most 30 s
 * apart. Stopping the app hands the jobs this server was running back to the storage.
 */
public final class JobServer implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(JobServer.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final StorageProvider storage;
    private final JobActivator activator;
    private final JobsFactory config;
    private final String name;
    private final Runnable onStart;
    private final Duration heartbeatLimit;
    private final JobRunrDashboardWebServer dashboard;
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-server-supervisor");
        t.setDaemon(true);
        return t;
    });

    // Guarded by this.
    private BackgroundJobServer server;
    private boolean stopped;
    private Duration retryIn = FIRST_RETRY;
    private Instant nextTry = Instant.MIN;
    private String waitingFor;
    private int starts;
    private boolean onStartDue;

    /**
     * {@code onStart} runs after each start of a job server, once the storage answers (e.g. the
     * recurring schedules, which are written to the storage).
     */
    public JobServer(StorageProvider storage, JobActivator activator, JobsFactory config, String name, Runnable onStart) {
        this.storage = storage;
        this.activator = activator;
        this.config = config;
        this.name = name;
        this.onStart = onStart;
        // JobRunr declares a server dead after 4 missed polls; we say unhealthy after 2.
        this.heartbeatLimit = Duration.ofMillis(2 * config.getPollInterval().toMilliseconds());
        this.dashboard = config.getDashboardPassword().isEmpty() ? null
                : new JobRunrDashboardWebServer(storage, new JacksonJsonMapper(),
                        JobRunrDashboardWebServerConfiguration.usingStandardDashboardConfiguration()
                                .andPort(config.getDashboardPort())
                                .andBasicAuthentication("admin", config.getDashboardPassword())
                                .andAllowAnonymousDataUsage(false));
    }

    @Override
    public void start() {
        supervise();
        if (dashboard != null) {
            dashboard.start();
        }
        supervisor.scheduleWithFixedDelay(this::supervise, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        synchronized (this) {
            stopped = true;
        }
        supervisor.shutdown();
        supervisor.awaitTermination(30, TimeUnit.SECONDS);
        if (dashboard != null) {
            dashboard.stop();
        }
        synchronized (this) {
            if (server != null) {
                server.stop();
            }
        }
    }

    /** Starts a job server unless one runs, when it is time to try and the storage answers; then {@code onStart}. */
    synchronized void supervise() {
        boolean running = server != null && server.isRunning();
        if (stopped || (running && !onStartDue) || Instant.now().isBefore(nextTry)) {
            return;
        }
        try {
            if (!running) {
                storage.getBackgroundJobServers(); // does the storage answer?
                if (server != null) {
                    server.stop(); // what is left of the old one (JobRunr may still be stopping it)
                }
                server = newServer();
                server.start();
                starts++;
                onStartDue = true;
                if (starts > 1) {
                    LOG.warn("the job storage answers again: started a new job server {} (start {})", server.getId(), starts);
                }
            }
            onStart.run();
            onStartDue = false;
            retryIn = FIRST_RETRY;
            waitingFor = null;
        } catch (RuntimeException e) {
            if (waitingFor == null) {
                LOG.warn("cannot start the job server, the job storage does not answer: {}; retrying", message(e));
            }
            waitingFor = message(e);
            nextTry = Instant.now().plus(retryIn);
            retryIn = retryIn.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retryIn.multipliedBy(2);
        }
    }

    private BackgroundJobServer newServer() {
        return new BackgroundJobServer(storage, new JacksonJsonMapper(), activator,
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andName(name + "-" + UUID.randomUUID().toString().substring(0, 8))
                        .andWorkerCount(config.getWorkerCount())
                        .andPollInterval(Duration.ofMillis(config.getPollInterval().toMilliseconds())));
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * Healthy while a job server runs and the job storage (read now) holds a recent heartbeat of
     * it: the storage answers and other workers see this one alive.
     */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                BackgroundJobServer current;
                String waiting;
                synchronized (JobServer.this) {
                    current = server;
                    waiting = waitingFor;
                }
                if (current == null || !current.isRunning()) {
                    return Result.unhealthy("the job server is not running" + (waiting == null ? ""
                            : "; it starts again once the job storage answers (now: " + waiting + ")"));
                }
                Optional<BackgroundJobServerStatus> self;
                try {
                    self = storage.getBackgroundJobServers().stream().filter(s -> s.getId().equals(current.getId())).findFirst();
                } catch (RuntimeException e) {
                    return Result.unhealthy("the job storage does not answer: " + message(e));
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
}
