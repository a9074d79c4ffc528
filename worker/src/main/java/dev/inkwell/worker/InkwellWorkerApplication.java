package dev.inkwell.worker;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.inkwell.persistence.DatabaseFactory;
import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.backup.BackupDao;
import dev.inkwell.persistence.job.BackupJobRequest;
import dev.inkwell.persistence.job.BackupJobRequestHandler;
import dev.inkwell.persistence.job.RestoreCheckJobRequest;
import dev.inkwell.persistence.job.RestoreCheckJobRequestHandler;
import dev.inkwell.worker.backup.BackupHealthCheck;
import dev.inkwell.worker.backup.BackupJobHandler;
import dev.inkwell.worker.backup.RestoreCheckJobHandler;
import dev.inkwell.worker.backup.RestoreCommand;
import dev.inkwell.worker.backup.Restores;
import dev.inkwell.worker.backup.Backups;
import dev.inkwell.worker.backup.BackupsFactory;
import dev.inkwell.worker.backup.PgTools;
import dev.inkwell.persistence.SchemaMigrations;
import dev.inkwell.persistence.problem.ProblemErrorHandler;
import dev.inkwell.persistence.cache.ReadCache;
import dev.inkwell.persistence.job.BulkUpdateChunkJobRequestHandler;
import dev.inkwell.persistence.job.BulkUpdateJobRequestHandler;
import dev.inkwell.persistence.job.JobStorage;
import dev.inkwell.persistence.job.JobWakeUps;
import dev.inkwell.persistence.post.BulkUpdateDao;
import dev.inkwell.persistence.post.PostCache;
import dev.inkwell.persistence.post.PostWrites;
import dev.inkwell.worker.bulkupdate.BulkUpdateChunkJobHandler;
import dev.inkwell.worker.bulkupdate.BulkUpdateJobHandler;
import dev.inkwell.worker.bulkupdate.ChunkRunner;
import dev.inkwell.worker.jobs.JobServer;
import dev.inkwell.worker.jobs.JobsFactory;
import org.jdbi.v3.core.Jdbi;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;

/**
 * The Dropwizard application "inkwell-worker": the process that runs background jobs (bulk
 * updates; backups later) against the same schema as the API: a JobRunr BackgroundJobServer on
 * the shared PostgreSQL storage, any number of them side by side. It has the same {@code db}
 * commands. Handlers are wired by hand and handed to JobRunr by its JobActivator.
 */
public class InkwellWorkerApplication extends Application<WorkerConfiguration> {

    /** The id of the recurring backup in JobRunr (one for all workers). */
    static final String BACKUP_SCHEDULE = "inkwell-backup";
    static final String RESTORE_CHECK_SCHEDULE = "inkwell-restore-check";

    public static void main(String[] args) throws Exception {
        new InkwellWorkerApplication().run(args);
    }

    @Override
    public String getName() {
        return "inkwell-worker";
    }

    @Override
    public void initialize(Bootstrap<WorkerConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        bootstrap.addBundle(new SchemaMigrations<>(WorkerConfiguration.class));
        bootstrap.addCommand(new RestoreCommand());
    }

    @Override
    public void run(WorkerConfiguration configuration, Environment environment) {
        // The public port serves only /health-check: no Jersey, and every error (404s included) is problem+json.
        environment.jersey().disable();
        ProblemErrorHandler.install(environment);
        DatabaseFactory.Database database = configuration.getDatabase().open(environment, "postgresql");
        configuration.configureAdmin(environment);
        Jdbi jdbi = database.jdbi();
        ReadCache cache = configuration.getCache().build(environment);
        PostCache postCache = new PostCache(cache, jdbi);
        StorageProvider storage = JobStorage.on(database.dataSource());
        JobsFactory jobs = configuration.getJobs();

        JobRequestScheduler scheduler = new JobRequestScheduler(storage);

        BulkUpdateDao bulkUpdates = jdbi.onDemand(BulkUpdateDao.class);
        ChunkRunner chunks = new ChunkRunner(bulkUpdates, new PostWrites(jdbi, postCache));
        BulkUpdateJobHandler bulkUpdate = new BulkUpdateJobHandler(bulkUpdates, chunks, scheduler,
                jobs.getChunkSize(), jobs.getFanOutAbove());
        BulkUpdateChunkJobHandler bulkUpdateChunk = new BulkUpdateChunkJobHandler(chunks);
        BackupsFactory backupConfig = configuration.getBackups();
        BackupDao backupDao = jdbi.onDemand(BackupDao.class);
        DatabaseUrl url = configuration.getDatabase().url();
        PgTools tools = backupConfig.tools();
        Backups backups = new Backups(database.dataSource(), url, backupDao, tools, backupConfig.folder(), backupConfig.getKeep());
        Restores restores = new Restores(url, backupDao, tools, backupConfig.folder());
        Map<Class<?>, Object> handlers = Map.of(
                BulkUpdateJobRequestHandler.class, bulkUpdate,
                BulkUpdateChunkJobRequestHandler.class, bulkUpdateChunk,
                BackupJobRequestHandler.class, new BackupJobHandler(backupDao, backups, backupConfig.timeout()),
                RestoreCheckJobRequestHandler.class, new RestoreCheckJobHandler(restores));
        JobActivator activator = new JobActivator() {
            @Override
            public <T> T activateJob(Class<T> type) {
                return type.cast(handlers.get(type));
            }
        };

        // The schedules live in the job storage: written whenever a job server starts (it may be down now).
        Runnable schedules = () -> {
            recurring(scheduler, BACKUP_SCHEDULE, backupConfig.getSchedule(), new BackupJobRequest(null));
            recurring(scheduler, RESTORE_CHECK_SCHEDULE, backupConfig.getRestoreCheckSchedule(), new RestoreCheckJobRequest("scheduled"));
        };
        JobServer server = new JobServer(storage, activator, jobs, getName(),
                () -> JobStorage.validate(database.dataSource()), schedules);
        environment.lifecycle().manage(server);
        // The api's NOTIFY after each enqueue: a bulk update starts now, not at the next poll.
        JobWakeUps wakeUps = new JobWakeUps(database.dataSource(), server::onboardNow);
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                wakeUps.start();
            }

            @Override
            public void stop() throws InterruptedException {
                wakeUps.close();
            }
        });
        environment.healthChecks().register("jobs", server.healthCheck());
        environment.healthChecks().register("job-supervisor", server.supervisorCheck());
        environment.healthChecks().register("backups", new BackupHealthCheck(backupDao, !backupConfig.getSchedule().isEmpty(),
                Duration.ofMillis(backupConfig.getMaxAge().toMilliseconds())));
    }

    /** Schedules {@code request} on {@code cron} (UTC) as JobRunr's recurring job {@code id}; an empty cron removes it. */
    private static void recurring(JobRequestScheduler scheduler, String id, String cron, JobRequest request) {
        if (cron.isEmpty()) {
            scheduler.deleteRecurringJob(id);
        } else {
            scheduler.scheduleRecurrently(id, cron, ZoneOffset.UTC, request);
        }
    }
}
