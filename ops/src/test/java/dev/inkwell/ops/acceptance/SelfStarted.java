package dev.inkwell.ops.acceptance;

import dev.inkwell.ops.Jar;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.persistence.testing.TestRedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment the acceptance checks start when none is named: the operator's jar as an api
 * process and a worker process (bulk updates need one), on a migrated database of the test
 * PostgreSQL and a cache namespace of its own on the test Redis, with an admin made by
 * {@code create-admin} as an operator makes the first one. Processes rather than apps in the
 * test JVM, so that the checks see exactly what a client of a real deployment sees.
 */
final class SelfStarted implements AutoCloseable {
    static final String ADMIN = "acceptance-admin";

    private final TestDatabase db;
    private final Path backups;
    private final String adminPassword;
    private Jar.Server worker;
    private Jar.Server api;

    private SelfStarted(TestDatabase db, Path backups, String adminPassword) {
        this.db = db;
        this.backups = backups;
        this.adminPassword = adminPassword;
    }

    static SelfStarted start() throws Exception {
        SelfStarted self = new SelfStarted(TestPostgres.get().newDatabase(), Files.createTempDirectory("inkwell-acceptance"),
                "admin " + UUID.randomUUID());
        try {
            self.startAll();
            return self;
        } catch (Exception | Error e) {
            self.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        Jar.Run admin = Jar.run(db.url(), Map.of("INKWELL_ADMIN_PASSWORD", adminPassword),
                "api", "create-admin", "--username", ADMIN, "--email", ADMIN + "@example.com", "config/api.yml");
        assertThat(admin.exit()).as(admin.output()).isZero();
        List<String> namespace = List.of("-Ddw.cache.namespace=acceptance-" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, String> env = Map.of("REDIS_URL", TestRedis.get().url(), "BACKUP_DIR", backups.toString());
        worker = Jar.Server.start(db.url(), env, namespace, "worker");
        api = Jar.Server.start(db.url(), env, namespace, "api");
        worker.awaitHealthy(worker.url("/health-check?type=ready"));
        api.awaitHealthy(api.url("/health-check?type=ready"));
    }

    String base() {
        return api.url("/api");
    }

    String adminPassword() {
        return adminPassword;
    }

    @Override
    public void close() throws Exception {
        try (TestDatabase database = db) {
            for (Jar.Server server : new Jar.Server[] {api, worker}) {
                if (server != null) {
                    server.close();
                }
            }
        } finally {
            Files.deleteIfExists(backups); // empty: the checks make no backup
        }
    }
}
