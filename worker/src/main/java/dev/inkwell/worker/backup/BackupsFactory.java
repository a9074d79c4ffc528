package dev.inkwell.worker.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code backups:} section of worker.yml: where archives go ({@code BACKUP_DIR}), the client
 * tools, the schedule (a cron in UTC; empty: manual only), how many verified backups to keep,
 * and how long one may take.
 */
public class BackupsFactory {
    @NotBlank
    private String dir = "backups";

    @NotBlank
    private String pgDump = "pg_dump";

    @NotBlank
    private String pgRestore = "pg_restore";

    /** Cron (UTC), e.g. "0 3 * * *"; empty: no recurring backup. */
    @NotNull
    private String schedule = "";

    /** Cron (UTC) of the restore check; empty: only on demand. */
    @NotNull
    private String restoreCheckSchedule = "";

    @Min(1)
    private int keep = 7;

    /** With a schedule, the worker is unhealthy when the newest verified backup is older than this. */
    @NotNull
    private Duration maxAge = Duration.hours(26);

    /** A backup that has not finished after this long is killed (and a "running" row this old is abandoned). */
    @NotNull
    private Duration timeout = Duration.hours(2);

    /** The client tools as configured, each run bounded by {@link #getTimeout()}. */
    public PgTools tools() {
        return new PgTools(pgDump, pgRestore, timeout());
    }

    public java.time.Duration timeout() {
        return java.time.Duration.ofMillis(timeout.toMilliseconds());
    }

    public java.nio.file.Path folder() {
        return java.nio.file.Path.of(dir);
    }

    @JsonProperty
    public String getDir() {
        return dir;
    }

    @JsonProperty
    public void setDir(String dir) {
        this.dir = dir;
    }

    @JsonProperty
    public String getPgDump() {
        return pgDump;
    }

    @JsonProperty
    public void setPgDump(String pgDump) {
        this.pgDump = pgDump;
    }

    @JsonProperty
    public String getPgRestore() {
        return pgRestore;
    }

    @JsonProperty
    public void setPgRestore(String pgRestore) {
        this.pgRestore = pgRestore;
    }

    @JsonProperty
    public String getSchedule() {
        return schedule;
    }

    @JsonProperty
    public void setSchedule(String schedule) {
        this.schedule = schedule == null ? "" : schedule.strip();
    }

    @JsonProperty
    public String getRestoreCheckSchedule() {
        return restoreCheckSchedule;
    }

    @JsonProperty
    public void setRestoreCheckSchedule(String restoreCheckSchedule) {
        this.restoreCheckSchedule = restoreCheckSchedule == null ? "" : restoreCheckSchedule.strip();
    }

    @JsonProperty
    public Duration getMaxAge() {
        return maxAge;
    }

    @JsonProperty
    public void setMaxAge(Duration maxAge) {
        this.maxAge = maxAge;
    }

    @JsonProperty
    public int getKeep() {
        return keep;
    }

    @JsonProperty
    public void setKeep(int keep) {
        this.keep = keep;
    }

    @JsonProperty
    public Duration getTimeout() {
        return timeout;
    }

    @JsonProperty
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
