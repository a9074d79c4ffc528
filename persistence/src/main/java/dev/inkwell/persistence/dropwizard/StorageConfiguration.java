package dev.inkwell.persistence.dropwizard;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.inkwell.persistence.DatabaseFactory;
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

    /** The password (user "admin", see {@link AdminPort}) for the admin port's metrics, threads and tasks; empty: closed. */
    @NotNull
    private String adminPassword = "";

    @JsonProperty("adminPassword")
    public String getAdminPassword() {
        return adminPassword;
    }

    @JsonProperty("adminPassword")
    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword == null ? "" : adminPassword;
    }

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
