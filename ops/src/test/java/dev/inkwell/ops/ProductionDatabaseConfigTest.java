package dev.inkwell.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.inkwell.persistence.DatabaseFactory;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production files' {@code database:} sections, read as the applications read them: their own
 * {@code properties:} blocks keep every driver default they do not name (batched inserts among them).
 */
class ProductionDatabaseConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"api.yml", "worker.yml"})
    void theDatabaseSectionKeepsTheDriverDefaults(String file) throws Exception {
        String yaml = new EnvironmentVariableSubstitutor(true).replace(Files.readString(Path.of("config", file)));
        ObjectMapper mapper = Jackson.newObjectMapper(new YAMLFactory());
        JsonNode section = mapper.readTree(yaml).get("database");
        assertThat(section.has("properties")).as("the file has its own properties block").isTrue();

        DatabaseFactory database = mapper.treeToValue(section, DatabaseFactory.class);

        assertThat(database.getProperties()).containsEntry("reWriteBatchedInserts", "true")
                .containsAllEntriesOf(DatabaseFactory.DEFAULT_PROPERTIES)
                .containsKey("ApplicationName");
    }
}
