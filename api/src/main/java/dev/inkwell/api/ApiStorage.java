package dev.inkwell.api;

import dev.inkwell.persistence.DatabaseFactory;
import dev.inkwell.persistence.cache.KeptTablePages;
import dev.inkwell.persistence.cache.ReadCache;
import dev.inkwell.persistence.job.JobStorage;
import dev.inkwell.persistence.post.PostCache;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.StorageProvider;

/**
 * What the api's resources read and write through, opened from its configuration: the database
 * (pooled, metered, health-checked), the job storage it only enqueues into (a storage-only
 * scheduler; inkwell-worker runs the jobs), and the Redis read cache with its post and list views.
 */
public record ApiStorage(Jdbi jdbi, StorageProvider jobStorage, JobRequestScheduler scheduler, ReadCache cache,
                         PostCache postCache, KeptTablePages keptPages) {

    public static ApiStorage open(ApiConfiguration configuration, Environment environment) {
        DatabaseFactory.Database database = configuration.getDatabase().open(environment, "postgresql");
        Jdbi jdbi = database.jdbi();
        StorageProvider jobStorage = JobStorage.on(database.dataSource());
        ReadCache cache = configuration.getCache().build(environment);
        return new ApiStorage(jdbi, jobStorage, new JobRequestScheduler(jobStorage), cache, new PostCache(cache, jdbi),
                new KeptTablePages(cache));
    }

    /** A Jdbi SqlObject DAO on the api's database. */
    public <T> T dao(Class<T> type) {
        return jdbi.onDemand(type);
    }
}
