package dev.inkwell.persistence;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.inkwell.persistence.cache.CacheFactory;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.servlet.jakarta.exporter.MetricsServlet;
import jakarta.servlet.DispatcherType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.EnumSet;

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

    /**
     * The admin port as both applications have it: {@link AdminAuthFilter} in front of every
     * admin servlet, and the metrics also in Prometheus's text format at {@code /prometheus}
     * (this application's registry only: local mode runs two applications in one process).
     */
    public void configureAdmin(Environment environment) {
        environment.admin().addFilter("admin-auth", new AdminAuthFilter(adminPassword))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        CollectorRegistry prometheus = new CollectorRegistry();
        prometheus.register(new DropwizardExports(environment.metrics()));
        environment.admin().addServlet("prometheus", new MetricsServlet(prometheus))
                .addMapping("/prometheus");
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
