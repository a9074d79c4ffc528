package dev.inkwell.worker;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.inkwell.persistence.DatabaseFactory;
import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.backup.BackupDao;
import dev.inkwell.persistence.dropwizard.InkwellBundle;
import dev.inkwell.persistence.job.BackupJobRequest;
import dev.inkwell.persistence.job.JobStorage;
import dev.inkwell.persistence.job.JobWakeUps;
import dev.inkwell.persistence.job.PublishDueJobRequest;
import dev.inkwell.persistence.job.RestoreCheckJobRequest;
import dev.inkwell.persistence.job.TokenPurgeJobRequest;
import dev.inkwell.persistence.post.BulkUpdateDao;
import dev.inkwell.persistence.post.PostCache;
import dev.inkwell.persistence.post.PostDao;
import dev.inkwell.persistence.post.PostPublishing;
import dev.inkwell.persistence.post.PostWrites;
import dev.inkwell.persistence.problem.ProblemErrorHandler;
import dev.inkwell.persistence.user.ApiTokenDao;
import dev.inkwell.persistence.user.InvitationDao;
import dev.inkwell.worker.backup.BackupHealthCheck;
import dev.inkwell.worker.backup.BackupJobHandler;
import dev.inkwell.worker.backup.BackupMetrics;
import dev.inkwell.worker.backup.Backups;
import dev.inkwell.worker.backup.BackupsFactory;
import dev.inkwell.worker.backup.RestoreCheckJobHandler;
import dev.inkwell.worker.backup.RestoreCommand;
import dev.inkwell.worker.backup.Restores;
import dev.inkwell.worker.bulkupdate.BulkUpdateChunkJobHandler;
import dev.inkwell.worker.bulkupdate.BulkUpdateJobHandler;
import dev.inkwell.worker.bulkupdate.ChunkRunner;
import dev.inkwell.worker.jobs.JobHandlers;
import dev.inkwell.worker.jobs.JobServer;
import dev.inkwell.worker.jobs.JobMetrics;
import dev.inkwell.worker.jobs.JobsFactory;
import dev.inkwell.worker.jobs.Schedules;
import dev.inkwell.worker.jobs.Schedules.Schedule;
import dev.inkwell.worker.publishing.PublishDueJobHandler;
import dev.inkwell.worker.publishing.PublishPostJobHandler;
import dev.inkwell.worker.tokens.TokenPurgeJobHandler;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import org.jdbi.v3.core.Jdbi;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.StorageProvider;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/**
 * The Dropwizard application "inkwell-worker": the process that runs background jobs (bulk
 * updates, backups, restore checks, the expired-token purge, publishing scheduled posts) against the same schema as the API:
 * a JobRunr BackgroundJobServer on the shared PostgreSQL storage, any number of them side by
 * side. It has the same {@code db} commands. Handlers are wired by hand in {@link #run} and
 * handed to JobRunr by {@link JobHandlers}.
 */
public class InkwellWorkerApplication extends Application<WorkerConfiguration> {
    private final InkwellBundle<WorkerConfiguration> bundle = new InkwellBundle<>(WorkerConfiguration.class);

    /** The ids of the recurring jobs in JobRunr (one each for all workers). */
    static final String BACKUP_SCHEDULE = "inkwell-backup";
    static final String RESTORE_CHECK_SCHEDULE = "inkwell-restore-check";
    static final String TOKEN_PURGE_SCHEDULE = "inkwell-token-purge";
    static final String PUBLISH_DUE_SCHEDULE = "inkwell-publish-due";

    public static void main(String[] args) throws Exception {
        new InkwellWorkerApplication().run(args);
    }

    @Override
    public String getName() {
        return "inkwell-worker";
    }

    @Override
    public void initialize(Bootstrap<WorkerConfiguration> bootstrap) {
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        bootstrap.addBundle(bundle);
        bootstrap.addCommand(new RestoreCommand());
    }

    @Override
    public void run(WorkerConfiguration configuration, Environment environment) {
        // The public port serves only /health-check: no Jersey, and every error (404s included) is problem+json.
        environment.jersey().disable();
        ProblemErrorHandler.install(environment);
        DatabaseFactory.Database database = configuration.getDatabase().open(environment, "postgresql");
        Jdbi jdbi = database.jdbi();
        PostCache postCache = new PostCache(configuration.getCache().build(environment), jdbi);
        StorageProvider storage = JobStorage.on(database.dataSource());
        JobRequestScheduler scheduler = new JobRequestScheduler(storage);
        JobsFactory jobs = configuration.getJobs();
        BackupsFactory backups = configuration.getBackups();
        // A session's work (a backup's lock and snapshot, pg_dump, pg_restore, LISTEN) goes straight to PostgreSQL.
        DataSource direct = directPool(configuration, environment, database);
        DatabaseUrl url = configuration.getDirectDatabase().url();
        BackupDao backupDao = jdbi.onDemand(BackupDao.class);
        BulkUpdateDao bulkUpdates = jdbi.onDemand(BulkUpdateDao.class);
        PostWrites postWrites = new PostWrites(jdbi, postCache);
        ChunkRunner chunks = new ChunkRunner(bulkUpdates, postWrites, environment.metrics().meter("bulk-updates.chunks"));
        PostPublishing publishing = new PostPublishing(jdbi, postCache);
        // A post's job may be queued up to a poll interval before its time (see PublishPostJobHandler).
        Duration earliest = Duration.ofMillis(jobs.getPollInterval().toMilliseconds()).plusSeconds(1);

        JobHandlers handlers = new JobHandlers(
                new BulkUpdateJobHandler(bulkUpdates, chunks, scheduler, jobs.getChunkSize(), jobs.getFanOutAbove()),
                new BulkUpdateChunkJobHandler(chunks),
                new BackupJobHandler(backupDao, new Backups(direct, url, backupDao, backups.tools(),
                        backups.folder(), backups.getKeep()), backups.timeout()),
                new RestoreCheckJobHandler(new Restores(url, backupDao, backups.tools(), backups.folder())),
                new TokenPurgeJobHandler(jdbi.onDemand(ApiTokenDao.class), jdbi.onDemand(InvitationDao.class)),
                new PublishPostJobHandler(jdbi.onDemand(PostDao.class), publishing, earliest, Clock.systemUTC()),
                new PublishDueJobHandler(publishing));
        Schedules schedules = new Schedules(scheduler,
                new Schedule(BACKUP_SCHEDULE, backups.getSchedule(), new BackupJobRequest(null)),
                new Schedule(RESTORE_CHECK_SCHEDULE, backups.getRestoreCheckSchedule(), new RestoreCheckJobRequest("scheduled")),
                new Schedule(TOKEN_PURGE_SCHEDULE, jobs.getTokenPurgeSchedule(), new TokenPurgeJobRequest()),
                new Schedule(PUBLISH_DUE_SCHEDULE, jobs.getPublishDueSchedule(), new PublishDueJobRequest()));
        JobServer server = jobs.build(storage, handlers, getName(), database.dataSource(), schedules,
                new JobMetrics(bundle.prometheus()));
        BackupMetrics.register(environment.metrics(), backupDao);

        environment.lifecycle().manage(server);
        // The api's NOTIFY after each enqueue: a bulk update starts now, not at the next poll.
        environment.lifecycle().manage(new JobWakeUps(direct, server::onboardNow));
        environment.healthChecks().register("jobs", server.healthCheck());
        environment.healthChecks().register("job-supervisor", server.supervisorCheck());
        environment.healthChecks().register("backups", new BackupHealthCheck(backupDao, !backups.getSchedule().isEmpty(),
                Duration.ofMillis(backups.getMaxAge().toMilliseconds())));
    }

    /**
     * The pool of work that needs a session of its own: with {@code directDatabaseUrl} set (the
     * {@code database} pool goes through a pooler in transaction mode) a small managed pool of its
     * own, metered as "postgresql-direct"; without it, the process's one pool. JobRunr's storage
     * needs no session (its statements keep to their transactions) and stays on the main pool.
     */
    private static DataSource directPool(WorkerConfiguration configuration, Environment environment,
                                         DatabaseFactory.Database database) {
        if (!configuration.hasDirectDatabase()) {
            return database.dataSource();
        }
        ManagedDataSource direct = configuration.getDirectDatabase().build(environment.metrics(), "postgresql-direct");
        environment.lifecycle().manage(direct);
        return direct;
    }
}
