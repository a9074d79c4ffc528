package dev.inkwell.worker;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.inkwell.persistence.SchemaMigrations;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/**
 * The Dropwizard application "inkwell-worker": the process that runs background jobs (bulk
 * updates, backups) against the same schema as the API. It has the same {@code db} commands.
 */
public class InkwellWorkerApplication extends Application<WorkerConfiguration> {

    public static void main(String[] args) throws Exception {
        new InkwellWorkerApplication().run(args);
    }

    @Override
    public String getName() {
        return "inkwell-worker";
    }

    @Override
    public void initialize(Bootstrap<WorkerConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        bootstrap.addBundle(new SchemaMigrations<>(WorkerConfiguration.class));
    }

    @Override
    public void run(WorkerConfiguration configuration, Environment environment) {
        // The pool (managed, metered, health-checked as "postgresql"); the JobRunr server that
        // uses it arrives with the worker issue.
        configuration.getDatabase().build(environment, "postgresql");
    }
}
