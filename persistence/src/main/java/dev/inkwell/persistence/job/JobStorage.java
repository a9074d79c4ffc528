package dev.inkwell.persistence.job;

import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * JobRunr's storage on Inkwell's PostgreSQL, the same for the api (which only enqueues) and the
 * worker (which runs jobs). Its tables come from our changelog, so JobRunr creates nothing.
 */
public final class JobStorage {
    private JobStorage() {
    }

    /**
     * The storage on {@code dataSource}. When PostgreSQL answers, JobRunr checks that its tables
     * exist (an unmigrated database stops startup); when it does not, the process starts anyway,
     * not ready, and the job server starts once the database is back and {@link #validate} passes.
     */
    public static StorageProvider on(DataSource dataSource) {
        PostgresStorageProvider storage = new PostgresStorageProvider(dataSource,
                answers(dataSource) ? DatabaseOptions.SKIP_CREATE : DatabaseOptions.NO_VALIDATE);
        // Without a mapper, enqueueing through a hand-wired storage fails with an NPE.
        storage.setJobMapper(new JobMapper(new JacksonJsonMapper()));
        return storage;
    }

    /**
     * Checks, as {@link #on} does when PostgreSQL answers, that JobRunr's tables exist: a worker
     * started while the database was down checks it before its first job server. A
     * {@link NotMigratedException} when they do not; when the database does not answer, what the
     * driver threw.
     */
    public static void validate(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("the database does not answer: " + e.getMessage(), e);
        }
        try {
            new PostgresStorageProvider(dataSource, DatabaseOptions.SKIP_CREATE);
        } catch (RuntimeException e) {
            throw new NotMigratedException(e);
        }
    }

    /** The database answers but lacks JobRunr's tables: {@code db migrate} has not run. */
    public static final class NotMigratedException extends IllegalStateException {
        NotMigratedException(RuntimeException cause) {
            super("the database is not migrated (JobRunr's job tables: " + cause.getMessage()
                    + "); run `api db migrate`, the job server starts once it has", cause);
        }
    }

    private static boolean answers(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }
}
