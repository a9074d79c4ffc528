package dev.inkwell.persistence.job;

import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

import javax.sql.DataSource;

/**
 * JobRunr's storage on Inkwell's PostgreSQL, the same for the api (which only enqueues) and the
 * worker (which runs jobs). Its tables come from our changelog, so JobRunr creates nothing.
 */
public final class JobStorage {
    private JobStorage() {
    }

    public static StorageProvider on(DataSource dataSource) {
        PostgresStorageProvider storage = new PostgresStorageProvider(dataSource, DatabaseOptions.SKIP_CREATE);
        // Without a mapper, enqueueing through a hand-wired storage fails with an NPE.
        storage.setJobMapper(new JobMapper(new JacksonJsonMapper()));
        return storage;
    }
}
