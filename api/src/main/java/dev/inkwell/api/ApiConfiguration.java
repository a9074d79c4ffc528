package dev.inkwell.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.inkwell.persistence.DatabaseFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The API's configuration ({@code ops/config/api.yml}). */
public class ApiConfiguration extends Configuration {

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
