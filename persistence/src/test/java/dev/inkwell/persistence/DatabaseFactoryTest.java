package dev.inkwell.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code database:} section as YAML sets it: its driver properties merge into the defaults. */
class DatabaseFactoryTest {
    private static final ObjectMapper YAML = Jackson.newObjectMapper(new YAMLFactory());

    @Test
    void aPropertiesBlockKeepsTheDefaultsItDoesNotName() throws Exception {
        DatabaseFactory database = YAML.readValue("""
                url: jdbc:postgresql://db:5432/inkwell
                properties:
                  ApplicationName: inkwell-api
                  socketTimeout: "90"
                """, DatabaseFactory.class);

        Map<String, String> properties = database.getProperties();
        assertThat(properties).containsEntry("ApplicationName", "inkwell-api").containsEntry("socketTimeout", "90");
        assertThat(properties).containsEntry("reWriteBatchedInserts", "true")
                .containsEntry("connectTimeout", DatabaseFactory.DEFAULT_PROPERTIES.get("connectTimeout"))
                .containsEntry("options", DatabaseFactory.DEFAULT_PROPERTIES.get("options"));
    }

    @Test
    void withoutAPropertiesBlockTheDefaultsStand() throws Exception {
        DatabaseFactory database = YAML.readValue("url: jdbc:postgresql://db:5432/inkwell\n", DatabaseFactory.class);

        assertThat(database.getProperties()).isEqualTo(DatabaseFactory.DEFAULT_PROPERTIES);
    }

    @Test
    void anAddressWithoutYamlGetsTheDefaultsAndItsOwnCredentials() {
        DatabaseFactory database = DatabaseFactory.of(DatabaseUrl.of("h", 5433, "d", "u", "p"));

        assertThat(database.url()).isEqualTo(new DatabaseUrl("jdbc:postgresql://h:5433/d", "u", "p"));
        assertThat(database.getProperties()).isEqualTo(DatabaseFactory.DEFAULT_PROPERTIES);
    }
}
