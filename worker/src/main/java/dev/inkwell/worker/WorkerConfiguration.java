package dev.inkwell.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.inkwell.persistence.dropwizard.StorageConfiguration;
import dev.inkwell.worker.backup.BackupsFactory;
import dev.inkwell.worker.jobs.JobsFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The worker's configuration ({@code ops/config/worker.yml}). */
public class WorkerConfiguration extends StorageConfiguration {

    @Valid
    @NotNull
    private JobsFactory jobs = new JobsFactory();

    @Valid
    @NotNull
    private BackupsFactory backups = new BackupsFactory();

    @JsonProperty("backups")
    public BackupsFactory getBackups() {
        return backups;
    }

    @JsonProperty("backups")
    public void setBackups(BackupsFactory backups) {
        this.backups = backups;
    }

    @JsonProperty("jobs")
    public JobsFactory getJobs() {
        return jobs;
    }

    @JsonProperty("jobs")
    public void setJobs(JobsFactory jobs) {
        this.jobs = jobs;
    }
}
