package dev.inkwell.api;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.inkwell.persistence.SchemaMigrations;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/**
 * The Dropwizard application "inkwell-api": the JSON API over PostgreSQL, and the {@code db}
 * commands that migrate the one schema. Everything is wired by hand in {@link #run}.
 */
public class InkwellApiApplication extends Application<ApiConfiguration> {

    public static void main(String[] args) throws Exception {
        new InkwellApiApplication().run(args);
    }

    @Override
    public String getName() {
        return "inkwell-api";
    }

    @Override
    public void initialize(Bootstrap<ApiConfiguration> bootstrap) {
        // ${VAR} and ${VAR:-default} in the YAML; strict: an unset variable without default stops startup.
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        bootstrap.addBundle(new SchemaMigrations<>(ApiConfiguration.class));
    }

    @Override
    public void run(ApiConfiguration configuration, Environment environment) {
        // The pool (managed, metered, health-checked as "postgresql"); the HTTP resources that
        // use its Jdbi arrive with the content API.
        configuration.getDatabase().build(environment, "postgresql");
    }
}
