package dev.inkwell.api.admin;

import dev.inkwell.api.auth.AdminOnly;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.persistence.cache.CacheStats;
import dev.inkwell.persistence.cache.ReadCache;
import dev.inkwell.persistence.stats.DatabaseStatsDao;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/admin/db-stats} (admins): the database (size, rows and size per table, posts
 * of the last 7 days, active users, jobs by state), the cache's hit ratio, and both pools of
 * this API instance as their own gauges report them.
 */
@AdminOnly
@Path("/api/admin/db-stats")
@Produces(MediaType.APPLICATION_JSON)
public final class DbStatsResource {
    private static final String POOL_GAUGES = "io.dropwizard.db.ManagedPooledDataSource.";

    private final DatabaseStatsDao stats;
    private final ReadCache cache;
    private final MetricRegistry metrics;
    private final String poolName;

    public DbStatsResource(DatabaseStatsDao stats, ReadCache cache, MetricRegistry metrics, String poolName) {
        this.stats = stats;
        this.cache = cache;
        this.metrics = metrics;
        this.poolName = poolName;
    }

    @GET
    public DbStats get(@Auth Caller caller) {
        CacheStats c = cache.stats();
        return new DbStats(stats.databaseBytes(), stats.tables().stream().map(Table::of).toList(), stats.postsLastWeek(),
                stats.activeUsers(), stats.jobsByState(), c.hitRatio(), c.state(), new Pools(databasePool(),
                c.pool() == null ? null : Map.of("active", c.pool().active(), "idle", c.pool().idle(),
                        "waiting", c.pool().waiting(), "max", c.pool().max())));
    }

    /** Every gauge the database pool registers (size, active, idle, waiting, max, ...), by short name. */
    private Map<String, Object> databasePool() {
        String prefix = POOL_GAUGES + poolName + ".";
        Map<String, Object> pool = new TreeMap<>();
        for (Map.Entry<String, Gauge> g : metrics.getGauges((name, metric) -> name.startsWith(prefix)).entrySet()) {
            pool.put(g.getKey().substring(prefix.length()), g.getValue().getValue());
        }
        return pool;
    }

    /** The wire form. */
    public record DbStats(long databaseBytes, List<Table> tables, long postsLast7Days, long activeUsers,
                          Map<String, Long> jobsByState, Double cacheHitRatio, String cacheBreaker, Pools pools) {
    }

    public record Table(String name, long rows, boolean exact, long bytes) {
        static Table of(DatabaseStatsDao.TableStats t) {
            return new Table(t.name(), t.rows(), t.exact(), t.bytes());
        }
    }

    public record Pools(Map<String, Object> database, Map<String, Integer> redis) {
    }
}
