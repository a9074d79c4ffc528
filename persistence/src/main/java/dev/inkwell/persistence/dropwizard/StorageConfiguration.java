package dev.inkwell.persistence.dropwizard;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.inkwell.persistence.DatabaseFactory;
import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.cache.CacheFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.LinkedHashMap;
import java.util.Map;

/** The sections every Inkwell process has: where its data and its cache live. The api and worker extend it. */
public class StorageConfiguration extends Configuration {
    /**
     * Connections a direct pool may hold: a worker's LISTEN keeps one and a backup holds one while it
     * runs; the seed command takes four at most (its lock and three COPY stages). None are kept idle.
     */
    static final int DIRECT_POOL_SIZE = 8;

    @Valid
    @NotNull
    private DatabaseFactory database = new DatabaseFactory();

    /**
     * Where work that needs a database session of its own connects, when {@code database.url} is a
     * connection pooler in transaction mode (PgBouncer), which hands each transaction to any server
     * connection: empty means {@code database.url} itself.
     */
    @NotNull
    private String directDatabaseUrl = "";

    private DatabaseFactory directDatabase;

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
        this.directDatabase = null;
    }

    @JsonProperty("directDatabaseUrl")
    public String getDirectDatabaseUrl() {
        return directDatabaseUrl;
    }

    @JsonProperty("directDatabaseUrl")
    public void setDirectDatabaseUrl(String directDatabaseUrl) {
        this.directDatabaseUrl = directDatabaseUrl == null ? "" : directDatabaseUrl.strip();
        this.directDatabase = null;
    }

    /** True when {@code directDatabaseUrl} names a server of its own, so session work needs a pool of its own. */
    @JsonIgnore
    public boolean hasDirectDatabase() {
        return !directDatabaseUrl.isEmpty();
    }

    /**
     * The database of work that needs a session of its own: schema migrations and the seed (session
     * advisory locks and settings), backups and restores (a session lock, an exported snapshot,
     * pg_dump and pg_restore) and the worker's LISTEN. Without {@code directDatabaseUrl}, the
     * {@code database} section itself. With it, that section pointed at the direct URL
     * ({@link DatabaseFactory#at}: the URL's own user and password, else the section's; every other
     * setting of the section) with a small pool ({@value #DIRECT_POOL_SIZE}).
     */
    @JsonIgnore
    public DatabaseFactory getDirectDatabase() {
        if (!hasDirectDatabase()) {
            return database;
        }
        if (directDatabase == null) {
            DatabaseFactory direct = database.at(DatabaseUrl.parse(directDatabaseUrl), DIRECT_POOL_SIZE);
            Map<String, String> properties = new LinkedHashMap<>(direct.getProperties());
            properties.computeIfPresent("ApplicationName", (key, name) -> name + "-direct"); // apart in pg_stat_activity
            direct.setProperties(properties);
            directDatabase = direct;
        }
        return directDatabase;
    }
}
