package dev.inkwell.ops;

import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.worker.InkwellWorkerApplication;
import dev.inkwell.worker.WorkerConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * A test database with the real api and a worker on it, in this JVM, with the production config
 * files and one Redis namespace: what the end-to-end tests (bulk updates, job wake-ups, the
 * console) run against. Closing stops them in the order that lets each stop cleanly (the worker
 * while the database is still there, the database last).
 */
final class ApiAndWorker implements AutoCloseable {
    final TestDatabase db;
    final ApiUnderTest api;
    final DropwizardTestSupport<WorkerConfiguration> worker;

    private ApiAndWorker(TestDatabase db, ApiUnderTest api, DropwizardTestSupport<WorkerConfiguration> worker) {
        this.db = db;
        this.api = api;
        this.worker = worker;
    }

    /**
     * Starts them on a new database: {@code stem} names the Redis namespace, {@code apiExtra} and
     * {@code workerExtra} override each one's own settings. Whatever started is stopped again when
     * a later part fails to start.
     */
    static ApiAndWorker start(String stem, List<ConfigOverride> apiExtra, List<ConfigOverride> workerExtra) throws Exception {
        TestDatabase db = TestPostgres.get().newDatabase();
        ApiUnderTest api = null;
        try {
            String namespace = stem + "-" + UUID.randomUUID().toString().substring(0, 8);
            api = ApiUnderTest.start(db, namespace, apiExtra);
            List<ConfigOverride> overrides = ApiUnderTest.overrides(db, namespace);
            overrides.addAll(workerExtra);
            DropwizardTestSupport<WorkerConfiguration> worker = new DropwizardTestSupport<>(InkwellWorkerApplication.class,
                    Path.of("config/worker.yml").toAbsolutePath().toString(), overrides.toArray(ConfigOverride[]::new));
            worker.before();
            // Overrides are system properties until an app stops, and both apps have read theirs:
            // another app started in this JVM while these run (the console's outlive a test class)
            // must not read this one's database, or keys its configuration does not have.
            overrides.forEach(ConfigOverride::removeFromSystemProperties);
            return new ApiAndWorker(db, api, worker);
        } catch (Exception | Error e) {
            if (api != null) {
                api.stop();
            }
            db.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            worker.after();
        } finally {
            try {
                api.stop();
            } finally {
                db.close();
            }
        }
    }
}
