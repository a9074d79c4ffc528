package dev.inkwell.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code database:} section as YAML sets it: its driver properties merge into the defaults; copies of it. */
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
    void withoutSocketTimeoutIsACopyWithOnlyTheSocketTimeoutLifted() throws Exception {
        DatabaseFactory database = YAML.readValue("""
                url: postgresql://seeder:secret@db:5433/inkwell
                maxSize: 4
                maxWaitForConnection: 7s
                properties:
                  ApplicationName: seed
                """, DatabaseFactory.class);

        DatabaseFactory lifted = database.withoutSocketTimeout();

        assertThat(lifted).isNotSameAs(database);
        assertThat(lifted.getProperties()).containsEntry("socketTimeout", "0").containsEntry("ApplicationName", "seed")
                .containsEntry("reWriteBatchedInserts", "true").hasSameSizeAs(database.getProperties());
        assertThat(database.getProperties()).containsEntry("socketTimeout", DatabaseFactory.DEFAULT_PROPERTIES.get("socketTimeout"));
        // Every other setting, as YAML would write it, is the original's.
        ObjectNode settings = YAML.valueToTree(database);
        ObjectNode liftedSettings = YAML.valueToTree(lifted);
        settings.remove("properties");
        liftedSettings.remove("properties");
        assertThat(liftedSettings).isEqualTo(settings);
        assertThat(lifted.url()).isEqualTo(new DatabaseUrl("jdbc:postgresql://db:5433/inkwell", "seeder", "secret"));
        assertThat(lifted.getMaxSize()).isEqualTo(4);
    }

    @Test
    void atAnotherAddressKeepsEverySettingButTheAddressAndThePool() throws Exception {
        DatabaseFactory database = YAML.readValue("""
                url: postgresql://app:secret@pooler:6432/inkwell
                maxSize: 12
                minSize: 4
                maxWaitForConnection: 7s
                properties:
                  ApplicationName: inkwell-api
                """, DatabaseFactory.class);

        DatabaseFactory direct = database.at(DatabaseUrl.parse("jdbc:postgresql://db:5432/inkwell"), 3);
        DatabaseFactory owner = database.at(DatabaseUrl.parse("postgresql://owner:owner-secret@db:5432/inkwell"), 3);

        assertThat(direct.url()).isEqualTo(new DatabaseUrl("jdbc:postgresql://db:5432/inkwell", "app", "secret"));
        assertThat(owner.url()).isEqualTo(new DatabaseUrl("jdbc:postgresql://db:5432/inkwell", "owner", "owner-secret"));
        assertThat(direct.getMaxSize()).isEqualTo(3);
        assertThat(direct.getMinSize()).isZero();
        assertThat(direct.getInitialSize()).isZero();
        assertThat(direct.getProperties()).isEqualTo(database.getProperties()).isNotSameAs(database.getProperties());
        assertThat(database.getMaxSize()).isEqualTo(12);
        // Every other setting, as YAML would write it, is the original's.
        ObjectNode settings = YAML.valueToTree(database);
        ObjectNode directSettings = YAML.valueToTree(direct);
        for (String changed : new String[] {"url", "user", "password", "maxSize", "minSize", "initialSize"}) {
            settings.remove(changed);
            directSettings.remove(changed);
        }
        assertThat(directSettings).isEqualTo(settings);
    }

    @Test
    void anAddressWithoutYamlGetsTheDefaultsAndItsOwnCredentials() {
        DatabaseFactory database = DatabaseFactory.of(DatabaseUrl.of("h", 5433, "d", "u", "p"));

        assertThat(database.url()).isEqualTo(new DatabaseUrl("jdbc:postgresql://h:5433/d", "u", "p"));
        assertThat(database.getProperties()).isEqualTo(DatabaseFactory.DEFAULT_PROPERTIES);
    }
}
