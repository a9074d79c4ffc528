package dev.inkwell.worker.jobs;

import dev.inkwell.persistence.job.JobStorage;
import dev.inkwell.persistence.job.TokenPurgeJobRequest;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.worker.jobs.Schedules.Schedule;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workers started together (ops/cluster starts two at once) write the same recurring jobs at the
 * same moment, each through its own job storage: every write succeeds, and each schedule is
 * stored once.
 */
class SchedulesIT {
    private static final int WORKERS = 8;
    private static final int ROUNDS = 10;

    @Test
    void workersStartingTogetherAllWriteTheSameSchedules() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try (TestDatabase db = TestPostgres.get().newDatabase()) {
            List<StorageProvider> storages = IntStream.range(0, WORKERS).mapToObj(i -> JobStorage.on(db.dataSource())).toList();
            for (int round = 0; round < ROUNDS; round++) {
                Schedule schedule = new Schedule("race-" + round, "0 3 * * *", new TokenPurgeJobRequest());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> writes = new ArrayList<>();
                for (StorageProvider storage : storages) {
                    Schedules schedules = new Schedules(new JobRequestScheduler(storage), schedule);
                    writes.add(pool.submit(() -> {
                        start.await();
                        schedules.run();
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> write : writes) {
                    write.get(60, TimeUnit.SECONDS); // a failed write throws here
                }
            }

            Map<String, Long> stored = storages.get(0).getRecurringJobs().stream()
                    .collect(Collectors.groupingBy(RecurringJob::getId, Collectors.counting()));
            assertThat(stored).isEqualTo(IntStream.range(0, ROUNDS).mapToObj(r -> "race-" + r)
                    .collect(Collectors.toMap(Function.identity(), id -> 1L)));
        } finally {
            pool.shutdownNow();
        }
    }
}
