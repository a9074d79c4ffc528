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

    /** The password (user "admin") for the admin port's metrics, threads and tasks; empty: closed. */
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

    /** Puts {@link AdminAuthFilter} in front of every admin servlet of {@code environment}. */
    public void protectAdmin(io.dropwizard.core.setup.Environment environment) {
        environment.admin().addFilter("admin-auth", new AdminAuthFilter(adminPassword))
                .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), false, "/*");
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
