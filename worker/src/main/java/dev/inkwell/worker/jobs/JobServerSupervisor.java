package dev.inkwell.worker.jobs;

import dev.inkwell.persistence.job.JobStorage;
import com.codahale.metrics.health.HealthCheck;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.storage.StorageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Keeps one JobRunr BackgroundJobServer of this process running. JobRunr stops its server for
 * good when its storage fails once ("An unrecoverable error occurred"), and a worker started
 * while PostgreSQL is down would never get one. Each pass looks: once the old server has really
 * stopped (JobRunr's stop waits for its workers, and isRunning() is already false meanwhile) and
 * the storage answers, it starts a new one, so never two run at once. A paused server is left
 * alone. While the storage does not answer it tries again after 1 s, 2 s, 4 s... at most 30 s
 * apart. Before its first server it checks that the database is migrated.
 *
 * <p>Passes run on one thread at a time; the health checks only read the volatile fields, so a
 * slow storage call never blocks them.
 */
final class JobServerSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(JobServerSupervisor.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);
    // JobRunr 8.7.0 keeps its lifecycle questions package-private; isRunning() alone cannot tell
    // "stopping", "stopped" and "paused" apart. A JobRunr without them fails the worker's start.
    private static final Method IS_STOPPING = lifecycleQuestion("isStopping");
    private static final Method IS_STOPPED = lifecycleQuestion("isStopped");

    private final StorageProvider storage;
    private final Supplier<BackgroundJobServer> servers;
    private final Runnable validate;
    private final Runnable onStart;

    private volatile BackgroundJobServer server;
    private volatile String waitingFor;
    private volatile Instant lastPass = Instant.now();
    private volatile boolean stopped;
    // Only the passing thread touches these.
    private Duration retryIn = FIRST_RETRY;
    private Instant nextTry = Instant.MIN;
    private int starts;
    private boolean onStartDue;
    private boolean validated;

    /**
     * {@code validate} throws when the database is not migrated; {@code onStart} runs after each
     * start of a job server (e.g. the recurring schedules, which are written to the storage).
     */
    JobServerSupervisor(StorageProvider storage, Supplier<BackgroundJobServer> servers, Runnable validate, Runnable onStart) {
        this.storage = storage;
        this.servers = servers;
        this.validate = validate;
        this.onStart = onStart;
    }

    /** One look; then the last pass is now. */
    void pass() {
        try {
            look();
        } finally {
            lastPass = Instant.now();
        }
    }

    private void look() {
        BackgroundJobServer current = server;
        if (stopped) {
            return;
        }
        boolean running = current != null && current.isRunning();
        if (current != null && !running) {
            if (ask(IS_STOPPING, current)) {
                waitingFor = "the old job server is still stopping (its jobs finish or are interrupted)";
                return;
            }
            if (!ask(IS_STOPPED, current)) {
                waitingFor = "the job server is paused";
                return;
            }
        }
        if ((running && !onStartDue) || Instant.now().isBefore(nextTry)) {
            return;
        }
        try {
            if (!running) {
                if (!validated) {
                    validate.run();
                    validated = true;
                }
                storage.getBackgroundJobServers(); // does the storage answer?
                if (stopped) {
                    return; // the app stopped while we asked
                }
                BackgroundJobServer fresh = servers.get();
                server = fresh; // before start(): a start that fails half-way is stopped like any other
                fresh.start();
                starts++;
                onStartDue = true;
                if (starts > 1) {
                    LOG.warn("the job storage answers again: started a new job server {} (start {})", fresh.getId(), starts);
                }
            }
            onStart.run();
            onStartDue = false;
            retryIn = FIRST_RETRY;
            waitingFor = null;
        } catch (RuntimeException e) {
            String now = e instanceof JobStorage.NotMigratedException ? e.getMessage()
                    : "the job storage does not answer: " + message(e);
            if (!now.equals(waitingFor)) {
                LOG.warn("cannot start the job server, {}; retrying", now);
            }
            waitingFor = now;
            nextTry = Instant.now().plus(retryIn);
            retryIn = retryIn.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retryIn.multipliedBy(2);
        }
    }

    /** Passes that begin from now on start no server. */
    void stopStarting() {
        stopped = true;
    }

    /** {@link #stopStarting}, and stops the current server (it hands its jobs back to the storage). */
    void stop() {
        stopped = true;
        BackgroundJobServer current = server;
        if (current != null) {
            current.stop();
        }
    }

    BackgroundJobServer server() {
        return server;
    }

    /** Why no server runs, or null. */
    String waitingFor() {
        return waitingFor;
    }

    /** Unhealthy once no pass has completed for {@code limit}. */
    HealthCheck aliveCheck(Duration limit) {
        return new HealthCheck() {
            @Override
            protected Result check() {
                Duration since = Duration.between(lastPass, Instant.now());
                if (since.compareTo(limit) > 0) {
                    return Result.unhealthy("the job server's supervisor has not completed a pass for " + since.toSeconds() + " s");
                }
                return Result.healthy("last pass " + since.toMillis() + " ms ago");
            }
        };
    }

    int starts() {
        return starts;
    }

    static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static Method lifecycleQuestion(String name) {
        try {
            Method m = BackgroundJobServer.class.getDeclaredMethod(name);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this JobRunr has no BackgroundJobServer." + name + "()", e);
        }
    }

    private static boolean ask(Method question, BackgroundJobServer server) {
        try {
            return (Boolean) question.invoke(server);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
