package dev.inkwell.persistence.dropwizard;

import io.dropwizard.core.setup.Environment;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.servlet.jakarta.exporter.MetricsServlet;
import jakarta.servlet.DispatcherType;

import java.util.EnumSet;

/**
 * The admin port as both applications have it: {@link AdminAuthFilter} in front of every admin
 * servlet, and the metrics also in Prometheus's text format at {@code /prometheus} (this
 * application's registry only: local mode runs two applications in one process).
 */
public final class AdminPort {
    private AdminPort() {
    }

    /** {@code password} empty: only the open paths ({@code /ping}, {@code /healthcheck}) answer. */
    public static void install(Environment environment, String password) {
        environment.admin().addFilter("admin-auth", new AdminAuthFilter(password))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        CollectorRegistry prometheus = new CollectorRegistry();
        prometheus.register(new DropwizardExports(environment.metrics()));
        environment.admin().addServlet("prometheus", new MetricsServlet(prometheus))
                .addMapping("/prometheus");
    }
}
