package dev.inkwell.persistence.job;

import io.dropwizard.lifecycle.Managed;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Wakes a worker's job server when the api enqueued a job: JobRunr looks for new jobs every poll
 * interval (at least 5 s on SQL storage), so without a wake-up a bulk update waits up to that
 * long before it starts. The api sends a PostgreSQL NOTIFY on {@link #CHANNEL} after each
 * enqueue; this listens on one connection of its own and runs {@code onWake} for each
 * notification. A lost connection is opened again a second later: a notification missed
 * meanwhile only means the job starts at the next poll. Its data source must reach PostgreSQL
 * itself (the direct database): behind a pooler in transaction mode the LISTEN would stay on a
 * server connection handed back to the pool, and no notification would come.
 */
public final class JobWakeUps implements Managed, AutoCloseable {
    /** The channel of "a job was enqueued". */
    public static final String CHANNEL = "inkwell_jobs_enqueued";
    private static final Logger LOG = LoggerFactory.getLogger(JobWakeUps.class);
    private static final int WAIT_MILLIS = 1000;

    private final DataSource dataSource;
    private final Runnable onWake;
    private final Thread thread;
    private volatile boolean running = true;

    public JobWakeUps(DataSource dataSource, Runnable onWake) {
        this.dataSource = dataSource;
        this.onWake = onWake;
        this.thread = new Thread(this::listen, "job-wake-ups");
        this.thread.setDaemon(true);
    }

    @Override
    public void start() {
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        close();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5 * WAIT_MILLIS);
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        wake();
                    }
                }
                try (Statement unlisten = connection.createStatement()) {
                    unlisten.execute("UNLISTEN " + CHANNEL); // the pooled connection goes back clean
                }
            } catch (SQLException e) {
                LOG.debug("job wake-ups: no connection ({}); jobs start at the next poll meanwhile", e.getMessage());
                pause();
            }
        }
    }

    private void wake() {
        try {
            onWake.run();
        } catch (RuntimeException e) {
            LOG.warn("job wake-up failed; the job starts at the next poll", e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
