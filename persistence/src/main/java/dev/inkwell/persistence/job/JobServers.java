package dev.inkwell.persistence.job;

import org.jobrunr.storage.BackgroundJobServerStatus;
import org.jobrunr.storage.StorageProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The workers' JobRunr job servers as the job storage knows them, read from any process. A
 * server counts as running while it says so and its heartbeat is younger than 4 of its poll
 * intervals (when JobRunr itself declares a server dead): a server that stopped while the
 * database was down could not remove its row.
 */
public final class JobServers {
    private static final int MISSED_POLLS = 4;

    private JobServers() {
    }

    /** The job servers running now, on any worker. */
    public static List<BackgroundJobServerStatus> running(StorageProvider storage) {
        Instant now = Instant.now();
        return storage.getBackgroundJobServers().stream()
                .filter(s -> s.isRunning() && Duration.between(s.getLastHeartbeat(), now)
                        .compareTo(Duration.ofSeconds((long) MISSED_POLLS * s.getPollIntervalInSeconds())) <= 0)
                .toList();
    }
}
