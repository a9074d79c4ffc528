package dev.inkwell.persistence.dropwizard;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.prometheus.client.CollectorRegistry;

/**
 * What the api and the worker both add to Dropwizard: {@code ${VAR}} substitution in their YAML,
 * the {@code db} commands of the one schema ({@link SchemaMigrations}), the guarded admin
 * port with Prometheus metrics ({@link AdminPort}), and the logs written to the end once the server
 * has stopped ({@link BatchingAppender#drainAll}). Substitution is strict: an unset variable
 * without a default stops startup instead of running with an empty address or secret.
 */
public final class InkwellBundle<T extends StorageConfiguration> implements ConfiguredBundle<T> {
    private final Class<T> configurationClass;
    /** The application's Prometheus metrics, served on the admin port ({@link AdminPort}). */
    private final CollectorRegistry prometheus = new CollectorRegistry();

    public InkwellBundle(Class<T> configurationClass) {
        this.configurationClass = configurationClass;
    }

    @Override
    public void initialize(Bootstrap<?> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
        new SchemaMigrations<>(configurationClass).initialize(bootstrap);
    }

    @Override
    public void run(T configuration, Environment environment) {
        AdminPort.install(environment, configuration.getAdminPassword(), prometheus);
        ServerEvents.onStopped(environment, BatchingAppender::drainAll);
    }

    /** Where the application registers its own Prometheus collectors (served with Dropwizard's metrics). */
    public CollectorRegistry prometheus() {
        return prometheus;
    }
}
