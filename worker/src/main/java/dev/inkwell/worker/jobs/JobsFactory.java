package dev.inkwell.worker.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.inkwell.persistence.job.JobStorage;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;

import javax.sql.DataSource;
import java.util.List;

/**
 * The {@code jobs:} section of worker.yml: how many jobs this process runs at once, how often it
 * looks for work, how bulk updates are cut up, the JobRunr dashboard (off without a password),
 * and the schedules of the expired-token purge and of the sweep for due scheduled posts.
 */
public class JobsFactory {
    @Min(1)
    @Max(64)
    private int workerCount = 4;

    /** JobRunr polls its SQL storage at most this often (at least 5 s); a dead worker is noticed after 4 polls. */
    @NotNull
    private Duration pollInterval = Duration.seconds(5);

    /**
     * Posts per chunk (one transaction, one job when fanned out). Each chunk job costs JobRunr a
     * few statements and a cache invalidation whatever its size: 10,000 keeps that a small part
     * of the work and a chunk's row locks short (well under a second on a table without the
     * search vector), and still gives 2 cores 20 chunks of the 200,000-post standard set to share.
     */
    @Min(1)
    @Max(100_000)
    private int chunkSize = 10_000;

    /** Plans with more chunks than this are fanned out as one job per chunk. */
    @Min(0)
    private int fanOutAbove = 4;

    @Min(1)
    @Max(65535)
    private int dashboardPort = 8000;

    /** Empty: no dashboard (it listens on every interface, so never without a password). */
    @NotNull
    private String dashboardPassword = "";

    /** Cron (UTC) of the expired-token purge; empty: expired tokens are kept (they no longer sign anyone in). */
    @NotNull
    private String tokenPurgeSchedule = "0 * * * *";

    /**
     * Cron (UTC) of the sweep that publishes scheduled posts whose time has come and that their own
     * job did not publish (it was never stored, or lost); empty: no sweep (each post's job still runs).
     */
    @NotNull
    private String publishDueSchedule = "* * * * *";

    @JsonProperty
    public int getWorkerCount() {
        return workerCount;
    }

    @JsonProperty
    public void setWorkerCount(int workerCount) {
        this.workerCount = workerCount;
    }

    @JsonProperty
    public Duration getPollInterval() {
        return pollInterval;
    }

    @JsonProperty
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    @JsonProperty
    public int getChunkSize() {
        return chunkSize;
    }

    @JsonProperty
    public void setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    @JsonProperty
    public int getFanOutAbove() {
        return fanOutAbove;
    }

    @JsonProperty
    public void setFanOutAbove(int fanOutAbove) {
        this.fanOutAbove = fanOutAbove;
    }

    @JsonProperty
    public int getDashboardPort() {
        return dashboardPort;
    }

    @JsonProperty
    public void setDashboardPort(int dashboardPort) {
        this.dashboardPort = dashboardPort;
    }

    @JsonProperty
    public String getDashboardPassword() {
        return dashboardPassword;
    }

    @JsonProperty
    public void setDashboardPassword(String dashboardPassword) {
        this.dashboardPassword = dashboardPassword == null ? "" : dashboardPassword;
    }

    @JsonProperty
    public String getTokenPurgeSchedule() {
        return tokenPurgeSchedule;
    }

    @JsonProperty
    public void setTokenPurgeSchedule(String tokenPurgeSchedule) {
        this.tokenPurgeSchedule = tokenPurgeSchedule == null ? "" : tokenPurgeSchedule.strip();
    }

    @JsonProperty
    public String getPublishDueSchedule() {
        return publishDueSchedule;
    }

    @JsonProperty
    public void setPublishDueSchedule(String publishDueSchedule) {
        this.publishDueSchedule = publishDueSchedule == null ? "" : publishDueSchedule.strip();
    }

    /**
     * This process's job server on {@code storage}, running the jobs {@code handlers} supplies;
     * {@code onStart} runs after each start (see {@link JobServer}).
     */
    public JobServer build(StorageProvider storage, JobActivator handlers, String name, DataSource dataSource, Runnable onStart,
                           JobMetrics metrics) {
        return new JobServer(storage, handlers, this, name, () -> JobStorage.validate(dataSource), onStart, List.of(metrics));
    }
}
