package dev.inkwell.api.admin;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import dev.inkwell.api.auth.AdminOnly;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.persistence.job.JobServers;
import dev.inkwell.persistence.stats.DatabaseStatsDao;
import io.dropwizard.auth.Auth;
import io.dropwizard.health.HealthCheckType;
import io.dropwizard.health.HealthEnvironment;
import io.dropwizard.health.HealthStateView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jobrunr.storage.BackgroundJobServerStatus;
import org.jobrunr.storage.StorageProvider;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/admin/overview} (admins): what the console's operator page shows beside
 * {@code db-stats} and the backups — this instance's readiness and liveness as its load balancer
 * sees them (the admin port stays loopback-only), the workers seen through the job storage, and
 * the posts created on each of the last 7 days.
 */
@AdminOnly
@Path("/api/admin/overview")
@Produces(MediaType.APPLICATION_JSON)
public final class OverviewResource {
    private final HealthEnvironment health;
    private final HealthCheckRegistry checks;
    private final StorageProvider jobStorage;
    private final DatabaseStatsDao stats;

    public OverviewResource(HealthEnvironment health, StorageProvider jobStorage, DatabaseStatsDao stats) {
        this.health = health;
        this.checks = health.healthChecks();
        this.jobStorage = jobStorage;
        this.stats = stats;
    }

    @GET
    public Overview get(@Auth Caller caller) {
        // The scheduled states decide readiness; they exist once the server has started.
        List<Check> all = health.healthStateAggregator().healthStateViews().stream().sorted().map(this::check).toList();
        boolean ready = all.stream().noneMatch(c -> c.critical() && c.type().equals("ready") && !c.healthy());
        boolean alive = all.stream().noneMatch(c -> c.critical() && c.type().equals("alive") && !c.healthy());
        List<Worker> workers;
        try {
            workers = JobServers.running(jobStorage).stream().map(Worker::of).toList();
        } catch (RuntimeException e) {
            workers = null; // the job storage does not answer: unknown, not "none"
        }
        return new Overview(ready, alive, all, workers, stats.postsPerDay().stream().map(d -> new Day(d.day(), d.posts())).toList());
    }

    private Check check(HealthStateView view) {
        String message = null;
        if (checks.getNames().contains(view.getName())) {
            HealthCheck.Result result = checks.runHealthCheck(view.getName());
            message = result.getMessage();
        }
        return new Check(view.getName(), view.getType() == HealthCheckType.ALIVE ? "alive" : "ready",
                view.isCritical(), view.isHealthy(), message);
    }

    /** The wire form. {@code workers} is null when the job storage cannot be read. */
    public record Overview(boolean ready, boolean alive, List<Check> checks, List<Worker> workers, List<Day> postsPerDay) {
    }

    /** One health check: its scheduled state, and the message of a run now. */
    public record Check(String name, String type, boolean critical, boolean healthy, String message) {
    }

    public record Worker(String name, int workerThreads, Instant firstHeartbeat, Instant lastHeartbeat) {
        static Worker of(BackgroundJobServerStatus s) {
            return new Worker(s.getName(), s.getWorkerPoolSize(), s.getFirstHeartbeat(), s.getLastHeartbeat());
        }
    }

    public record Day(LocalDate day, long posts) {
    }
}
