package dev.inkwell.persistence.stats;

import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What operators want to know about the database: sizes, rows per table, recent activity, jobs. */
public interface DatabaseStatsDao extends SqlObject {

    /** Tables whose planner estimate is below this are counted exactly. */
    long EXACT_BELOW = 100_000;

    /** One table: its rows (exact or the planner's estimate) and its size with indexes and TOAST. */
    record TableStats(String name, long rows, boolean exact, long bytes) {
    }

    /** A table as pg_class knows it; {@code estimate} is -1 before the first ANALYZE. */
    record TableEstimate(String name, long estimate, long bytes) {
    }

    @SqlQuery("""
            SELECT c.relname AS name, c.reltuples::bigint AS estimate, pg_total_relation_size(c.oid) AS bytes
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind = 'r'
             ORDER BY c.relname
            """)
    @RegisterConstructorMapper(TableEstimate.class)
    List<TableEstimate> estimates();

    /** Every table of schema public, counted exactly when small (or never analyzed). */
    default List<TableStats> tables() {
        List<TableStats> tables = new ArrayList<>();
        for (TableEstimate t : estimates()) {
            if (t.estimate() >= 0 && t.estimate() >= EXACT_BELOW) {
                tables.add(new TableStats(t.name(), t.estimate(), false, t.bytes()));
            } else {
                // The name comes from pg_class; format('%I') quotes it as an identifier.
                String sql = getHandle().createQuery("SELECT format('SELECT count(*) FROM public.%I', :name)")
                        .bind("name", t.name()).mapTo(String.class).one();
                long rows = getHandle().createQuery(sql).mapTo(Long.class).one();
                tables.add(new TableStats(t.name(), rows, true, t.bytes()));
            }
        }
        return tables;
    }

    @SqlQuery("SELECT pg_database_size(current_database())")
    long databaseBytes();

    @SqlQuery("SELECT count(*) FROM posts WHERE created_at > now() - interval '7 days'")
    long postsLastWeek();

    /** Posts created on one day (UTC). */
    record PostsOnDay(LocalDate day, long posts) {
    }

    @SqlQuery("""
            SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS posts
              FROM posts
             WHERE created_at >= ((now() AT TIME ZONE 'UTC')::date - 6)::timestamp AT TIME ZONE 'UTC'
             GROUP BY 1
            """)
    @RegisterConstructorMapper(PostsOnDay.class)
    List<PostsOnDay> postsPerDayRows();

    /** Posts created on each of the last 7 days (UTC), today last, days without posts as 0. */
    default List<PostsOnDay> postsPerDay() {
        Map<LocalDate, Long> counted = new HashMap<>();
        postsPerDayRows().forEach(r -> counted.put(r.day(), r.posts()));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<PostsOnDay> days = new ArrayList<>();
        for (int back = 6; back >= 0; back--) {
            LocalDate day = today.minusDays(back);
            days.add(new PostsOnDay(day, counted.getOrDefault(day, 0L)));
        }
        return days;
    }

    @SqlQuery("SELECT count(*) FROM users WHERE is_active")
    long activeUsers();

    @SqlQuery("SELECT state, count(*) AS jobs FROM jobrunr_jobs GROUP BY state ORDER BY state")
    @RegisterConstructorMapper(JobsInState.class)
    List<JobsInState> jobsByStateRows();

    /** One row of {@link #jobsByState}. */
    record JobsInState(String state, long jobs) {
    }

    /** JobRunr's jobs per state (ENQUEUED, PROCESSING, SUCCEEDED, FAILED, ...). */
    default Map<String, Long> jobsByState() {
        Map<String, Long> byState = new LinkedHashMap<>();
        jobsByStateRows().forEach(r -> byState.put(r.state(), r.jobs()));
        return byState;
    }
}
