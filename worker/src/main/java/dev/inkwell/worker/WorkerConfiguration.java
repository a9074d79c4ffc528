package dev.inkwell.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.inkwell.persistence.DatabaseFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The worker's configuration ({@code ops/config/worker.yml}). */
public class WorkerConfiguration extends Configuration {

    @Valid
    @NotNull
    private DatabaseFactory database = new DatabaseFactory();

    @JsonProperty("database")
    public DatabaseFactory getDatabase() {
        return database;
    }

    @JsonProperty("database")
    public void setDatabase(DatabaseFactory database) {
        this.database = database;
    }
}
