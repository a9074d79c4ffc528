package dev.inkwell.persistence.dropwizard;

import io.dropwizard.core.setup.Environment;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.dropwizard.samplebuilder.CustomMappingSampleBuilder;
import io.prometheus.client.dropwizard.samplebuilder.MapperConfig;
import io.prometheus.client.servlet.jakarta.exporter.MetricsServlet;
import jakarta.servlet.DispatcherType;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The admin port as both applications have it: {@link AdminAuthFilter} in front of every admin
 * servlet, and the metrics also in Prometheus's text format at {@code /prometheus}: this
 * application's registry only (local mode runs two applications in one process), Dropwizard's
 * metrics under their own names, except those that are one family with a label (below), and the
 * collectors the application registers in {@code prometheus} itself (per endpoint, with labels).
 */
public final class AdminPort {
    /**
     * Dropwizard metrics named per instance of a thing, exported as one Prometheus family with the
     * thing as a label (Prometheus's convention: a label, not a name, per limit or job type), and
     * those whose name should say their unit. A meter is exported as a counter ({@code _total}).
     */
    static final List<MapperConfig> FAMILIES = List.of(
            new MapperConfig("rate-limits.*.refused", "inkwell_rate_limit_rejections", Map.of("limit", "${0}")),
            new MapperConfig("sign-ins.failed", "inkwell_sign_in_failures", Map.of()),
            new MapperConfig("bulk-updates.chunks", "inkwell_bulk_update_chunks", Map.of()),
            new MapperConfig("backups.newest-verified.finished-at", "inkwell_backup_last_success_timestamp_seconds", Map.of()),
            new MapperConfig("backups.newest-verified.size", "inkwell_backup_last_size_bytes", Map.of()));

    private AdminPort() {
    }

    /** {@code password} empty: only the open paths ({@code /ping}, {@code /healthcheck}) answer. */
    public static void install(Environment environment, String password, CollectorRegistry prometheus) {
        environment.admin().addFilter("admin-auth", new AdminAuthFilter(password))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        prometheus.register(new DropwizardExports(environment.metrics(), new CustomMappingSampleBuilder(FAMILIES)));
        environment.admin().addServlet("prometheus", new MetricsServlet(prometheus))
                .addMapping("/prometheus");
    }
}
