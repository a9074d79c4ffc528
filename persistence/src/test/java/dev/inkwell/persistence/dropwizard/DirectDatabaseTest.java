package dev.inkwell.persistence.dropwizard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.inkwell.persistence.DatabaseFactory;
import dev.inkwell.persistence.DatabaseUrl;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code directDatabaseUrl}, as YAML sets it: where work that needs a session of its own goes when
 * {@code database.url} names a pooler in transaction mode, and nothing changes without it.
 */
class DirectDatabaseTest {
    private static final ObjectMapper YAML = Jackson.newObjectMapper(new YAMLFactory());

    private static StorageConfiguration read(String yaml) throws Exception {
        return YAML.readValue(yaml, StorageConfiguration.class);
    }

    @Test
    void withoutADirectUrlSessionWorkUsesTheDatabaseSectionItself() throws Exception {
        StorageConfiguration configuration = read("""
                database:
                  url: jdbc:postgresql://db:5432/inkwell
                directDatabaseUrl: ""
                """);

        assertThat(configuration.hasDirectDatabase()).isFalse();
        assertThat(configuration.getDirectDatabase()).isSameAs(configuration.getDatabase());
    }

    @Test
    void aDirectUrlKeepsTheSectionsCredentialsAndDriverPropertiesButNotThePoolersAddress() throws Exception {
        StorageConfiguration configuration = read("""
                database:
                  url: jdbc:postgresql://pooler:6432/inkwell?prepareThreshold=0
                  user: inkwell
                  password: secret
                  properties:
                    ApplicationName: inkwell-worker
                    socketTimeout: "90"
                directDatabaseUrl: jdbc:postgresql://db:5432/inkwell
                """);

        DatabaseFactory direct = configuration.getDirectDatabase();

        assertThat(configuration.hasDirectDatabase()).isTrue();
        assertThat(direct.url()).isEqualTo(new DatabaseUrl("jdbc:postgresql://db:5432/inkwell", "inkwell", "secret"));
        assertThat(direct.getProperties()).containsEntry("socketTimeout", "90")
                .containsEntry("ApplicationName", "inkwell-worker-direct")
                .containsEntry("options", DatabaseFactory.DEFAULT_PROPERTIES.get("options"));
        assertThat(direct.getMaxSize()).isEqualTo(StorageConfiguration.DIRECT_POOL_SIZE);
        assertThat(direct.getMinSize()).isZero();
        assertThat(configuration.getDatabase().getUrl()).isEqualTo("jdbc:postgresql://pooler:6432/inkwell?prepareThreshold=0");
    }

    @Test
    void credentialsInTheDirectUrlWinOverTheSections() throws Exception {
        StorageConfiguration configuration = read("""
                database:
                  url: postgresql://app:app-secret@pooler:6432/inkwell
                directDatabaseUrl: postgresql://owner:owner-secret@db:5432/inkwell
                """);

        assertThat(configuration.getDirectDatabase().url())
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://db:5432/inkwell", "owner", "owner-secret"));
    }

    @Test
    void schemaMigrationsRunOnTheDirectDatabaseWithoutItsSocketTimeout() throws Exception {
        StorageConfiguration configuration = read("""
                database:
                  url: jdbc:postgresql://pooler:6432/inkwell
                directDatabaseUrl: jdbc:postgresql://db:5432/inkwell
                """);

        DatabaseFactory migrations = (DatabaseFactory) new SchemaMigrations<>(StorageConfiguration.class).getDataSourceFactory(configuration);

        assertThat(migrations.url()).isEqualTo(configuration.getDirectDatabase().url());
        // A long change (011 rewrites every post's vector) is not cut off after the requests' minute.
        assertThat(migrations.getProperties()).isEqualTo(configuration.getDirectDatabase().withoutSocketTimeout().getProperties())
                .containsEntry("socketTimeout", "0");
        assertThat(configuration.getDirectDatabase().getProperties()).containsEntry("socketTimeout", DatabaseFactory.DEFAULT_PROPERTIES.get("socketTimeout"));
    }
}
