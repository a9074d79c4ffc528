package dev.inkwell.persistence;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.inkwell.persistence.cache.CacheFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The sections every Inkwell process has: where its data and its cache live. The api and worker extend it. */
public class StorageConfiguration extends Configuration {

    @Valid
    @NotNull
    private DatabaseFactory database = new DatabaseFactory();

    @Valid
    @NotNull
    private CacheFactory cache = new CacheFactory();

    @JsonProperty("cache")
    public CacheFactory getCache() {
        return cache;
    }

    @JsonProperty("cache")
    public void setCache(CacheFactory cache) {
        this.cache = cache;
    }

    @JsonProperty("database")
    public DatabaseFactory getDatabase() {
        return database;
    }

    @JsonProperty("database")
    public void setDatabase(DatabaseFactory database) {
        this.database = database;
    }
}
