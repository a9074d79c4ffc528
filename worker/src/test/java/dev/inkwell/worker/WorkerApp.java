package dev.inkwell.worker;

import dev.inkwell.persistence.testing.ConfigOverrides;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestRedis;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker as production configures it ({@code ops/config/worker.yml}), for one test class:
 * <pre>
 * static final TestDatabase DATABASE = TestPostgres.get().newDatabase();
 * static final DropwizardAppExtension&lt;WorkerConfiguration&gt; APP = WorkerApp.production(DATABASE);
 * </pre>
 * on {@code database} and the test Redis, both ports chosen by the kernel, logging only warnings,
 * plus the class's own overrides (which must not repeat a key given here).
 */
public final class WorkerApp {
    private static final String CONFIG = Path.of("..", "ops", "config", "worker.yml").toAbsolutePath().toString();

    private WorkerApp() {
    }

    public static DropwizardAppExtension<WorkerConfiguration> production(TestDatabase database, ConfigOverride... overrides) {
        List<ConfigOverride> all = new ArrayList<>();
        all.add(ConfigOverride.config("server.applicationConnectors[0].port", "0"));
        all.add(ConfigOverride.config("server.adminConnectors[0].port", "0"));
        ConfigOverrides.database(database.url()).forEach((key, value) -> all.add(ConfigOverride.config(key, value)));
        all.add(ConfigOverride.config("cache.url", TestRedis.get().url()));
        all.add(ConfigOverride.config("logging.level", "WARN"));
        all.addAll(List.of(overrides));
        return new DropwizardAppExtension<>(InkwellWorkerApplication.class, CONFIG, all.toArray(ConfigOverride[]::new));
    }
}
