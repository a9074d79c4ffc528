package dev.inkwell.worker.jobs;

import dev.inkwell.persistence.job.JobStorage;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The supervisor on real JobRunr servers and PostgreSQL: one server at a time, and only on a migrated database. */
class JobServerSupervisorIT {
    /** A job that holds its worker until released, deaf to interrupts like a job stuck in I/O. */
    public record Hold(String tag) implements JobRequest {
        @Override
        public Class<HoldHandler> getJobRequestHandler() {
            return HoldHandler.class;
        }
    }

    public static final class HoldHandler implements JobRequestHandler<Hold> {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void run(Hold hold) {
            started.countDown();
            while (true) {
                try {
                    release.await();
                    return;
                } catch (InterruptedException e) {
                    // held on purpose: JobRunr's stop has to wait for it
                }
            }
        }
    }

    private final HoldHandler handler = new HoldHandler();
    private final List<BackgroundJobServer> made = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        handler.release.countDown();
        made.forEach(BackgroundJobServer::stop);
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** JobRunr's storage on a new migrated database. */
    private StorageProvider migratedStorage() {
        TestDatabase db = TestPostgres.get().newDatabase();
        closing.add(db);
        return JobStorage.on(db.dataSource());
    }

    private JobServerSupervisor supervisor(StorageProvider storage, Runnable validate) {
        return supervisor(storage, validate, () -> { });
    }

    private JobServerSupervisor supervisor(StorageProvider storage, Runnable validate, Runnable onStart) {
        JobActivator activator = new JobActivator() {
            @Override
            public <T> T activateJob(Class<T> type) {
                return type.cast(handler);
            }
        };
        return new JobServerSupervisor(storage, () -> {
            BackgroundJobServer server = new BackgroundJobServer(storage, new JacksonJsonMapper(), activator,
                    BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                            .andWorkerCount(1).andPollInterval(Duration.ofSeconds(5)));
            made.add(server);
            return server;
        }, validate, onStart);
    }

    private static void await(String what, Poll.Condition done) throws Exception {
        Poll.until(Duration.ofSeconds(60), what, done);
    }

    @Test
    void aServerStillStoppingIsNotJoinedByASecondOne() throws Exception {
        StorageProvider storage = migratedStorage();
        JobServerSupervisor supervisor = supervisor(storage, () -> { });
        supervisor.pass();
        BackgroundJobServer first = supervisor.server();
        assertThat(first.isRunning()).isTrue();
        new JobRequestScheduler(storage).enqueue(new Hold("busy"));
        assertThat(handler.started.await(60, TimeUnit.SECONDS)).as("the job runs").isTrue();

        // As JobRunr does after "An unrecoverable error occurred": it stops its server, which
        // waits for the busy worker; meanwhile isRunning() is false.
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(first::stop);
        await("the stop begins", () -> !first.isRunning());
        Poll.throughout(Duration.ofMillis(1500), "no second server while the first one's job runs", () -> {
            supervisor.pass();
            return supervisor.server() == first && made.size() == 1;
        });
        assertThat(supervisor.waitingFor()).contains("still stopping");
        assertThat(stopping).isNotDone();

        handler.release.countDown();
        stopping.get(60, TimeUnit.SECONDS);
        await("a new server once the old one stopped", () -> {
            supervisor.pass();
            return supervisor.server() != first && supervisor.server().isRunning();
        });
        assertThat(supervisor.starts()).isEqualTo(2);
        supervisor.stop();
    }

    @Test
    void aPausedServerIsNotTakenForDead() {
        StorageProvider storage = migratedStorage();
        JobServerSupervisor supervisor = supervisor(storage, () -> { });
        supervisor.pass();
        BackgroundJobServer server = supervisor.server();
        server.pauseProcessing();
        assertThat(server.isRunning()).isFalse();
        supervisor.pass();
        assertThat(supervisor.server()).isSameAs(server);
        assertThat(made).hasSize(1);
        assertThat(supervisor.waitingFor()).contains("paused");
        server.resumeProcessing();
        supervisor.pass();
        assertThat(supervisor.server()).isSameAs(server);
        assertThat(supervisor.starts()).isEqualTo(1);
        supervisor.stop();
    }

    @Test
    void aDatabaseThatIsNotMigratedGetsNoJobServerUntilItIs() throws Exception {
        TestDatabase db = TestPostgres.get().newEmptyDatabase();
        closing.add(db);
        // As JobStorage.on makes it when the database did not answer at start: unvalidated.
        PostgresStorageProvider storage = new PostgresStorageProvider(db.dataSource(), DatabaseOptions.NO_VALIDATE);
        storage.setJobMapper(new JobMapper(new JacksonJsonMapper()));
        JobServerSupervisor supervisor = supervisor(storage, () -> JobStorage.validate(db.dataSource()));
        supervisor.pass();
        assertThat(supervisor.server()).isNull();
        assertThat(supervisor.waitingFor()).contains("the database is not migrated").contains("db migrate");

        TestPostgres.migrate(db.url());
        await("the job server starts once migrated", () -> {
            supervisor.pass();
            return supervisor.server() != null && supervisor.server().isRunning();
        });
        supervisor.stop();
    }

    @Test
    void aSupervisorStuckInAPassFailsItsAliveCheck() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        JobServerSupervisor supervisor = supervisor(migratedStorage(), () -> { }, () -> {
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        com.codahale.metrics.health.HealthCheck alive = supervisor.aliveCheck(Duration.ofMillis(300));
        assertThat(alive.execute().isHealthy()).isTrue();
        CompletableFuture<Void> pass = CompletableFuture.runAsync(supervisor::pass);
        await("the stuck supervisor is reported", () -> !alive.execute().isHealthy());
        assertThat(alive.execute().getMessage()).contains("has not completed a pass");
        stuck.countDown();
        pass.get(60, TimeUnit.SECONDS);
        assertThat(alive.execute().isHealthy()).isTrue();
        supervisor.stop();
    }
}
