package dev.inkwell.ops;

import dev.inkwell.api.InkwellApiApplication;
import dev.inkwell.api.auth.PasswordHasher;
import dev.inkwell.api.auth.Tokens;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.InkwellJdbi;
import dev.inkwell.persistence.user.ApiTokenDao;
import dev.inkwell.persistence.user.UserDao;
import dev.inkwell.worker.InkwellWorkerApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Base64;

/**
 * {@code java -jar inkwell.jar local}: Inkwell on this machine with nothing installed. Starts an
 * embedded PostgreSQL 15 whose data stays in {@code ./data/postgres} (local.yml's {@code dataDir})
 * between runs, or uses {@code DATABASE_URL} when set; migrates; creates an admin on the first
 * run and prints its password and a token; starts an embedded Redis for the read cache (or uses
 * {@code REDIS_URL} when set); then runs the worker (with the JobRunr dashboard behind a
 * printed password) and the API, with the files and settings {@code ops/config/local.yml} names.
 * A database without posts gets demo data first ({@code --full-demo-data}: the benchmark's).
 */
final class LocalMode {
    private static final String CONFIG = "ops/config/local.yml";
    static final String USAGE = """

            usage: java -jar inkwell.jar local [--full-demo-data | --no-demo-data] [local.yml]
              An empty database gets demo data: a few hundred posts, or with --full-demo-data the
              benchmark's 10,000 users and 200,000 posts (about a minute); --no-demo-data: none.
              local.yml (default ops/config/local.yml) names the api and worker configurations.
            """;

    private LocalMode() {
    }

    /** ops/config/local.yml, with ${VAR:-default} taken from the environment. */
    record Settings(String api, String worker, String dataDir, DemoData demoData, int workerPort, int workerAdminPort,
                    String redisMaxMemory) {
        enum DemoData { none, demo, full }

        static Settings read(Path file) throws IOException {
            String yaml = new EnvironmentVariableSubstitutor(true).replace(Files.readString(file));
            return new ObjectMapper(new YAMLFactory()).readValue(yaml, Settings.class);
        }
    }

    static void run(String[] args) throws Exception {
        Settings.DemoData demoOption = null;
        String settingsArg = CONFIG;
        for (String arg : args) {
            switch (arg) {
                case "--full-demo-data" -> demoOption = Settings.DemoData.full;
                case "--no-demo-data" -> demoOption = Settings.DemoData.none;
                default -> {
                    if (arg.startsWith("-")) {
                        System.err.println("local: unknown option " + arg + USAGE);
                        System.exit(1);
                    }
                    settingsArg = arg;
                }
            }
        }
        Path settingsFile = Path.of(settingsArg);
        if (!Files.isRegularFile(settingsFile)) {
            System.err.println("local: " + settingsFile + " not found; run from the repository root or name the file" + USAGE);
            System.exit(1);
        }
        Settings settings = Settings.read(settingsFile);
        // Until Dropwizard configures logging, the embedded servers would log every step at DEBUG.
        ((Logger) LoggerFactory.getLogger("io.zonky")).setLevel(Level.WARN);
        ((Logger) LoggerFactory.getLogger("redis.embedded")).setLevel(Level.WARN);
        Settings.DemoData demoData = demoOption != null ? demoOption : settings.demoData();
        Path config = settingsFile.resolveSibling(settings.api());
        DatabaseUrl database = database(settings);
        // Dropwizard reads dw.* system properties as overrides of the YAML.
        System.setProperty("dw.database.url", database.jdbcUrl());
        System.setProperty("dw.database.user", database.user() == null ? "" : database.user());
        System.setProperty("dw.database.password", database.password() == null ? "" : database.password());
        String redis = redis(settings);
        // No load balancer to drain in local mode: Ctrl-C stops at once.
        System.setProperty("dw.health.delayedShutdownHandlerEnabled", "false");
        System.setProperty("dw.cache.url", redis);
        String givenAdminPassword = System.getenv("ADMIN_PASSWORD");
        String adminPortPassword = givenAdminPassword == null || givenAdminPassword.isBlank() ? randomSecret() : null;
        if (adminPortPassword != null) {
            System.setProperty("dw.adminPassword", adminPortPassword);
        }

        new InkwellApiApplication().run("db", "migrate", config.toString());
        String admin = firstRunAdmin(database);
        if (demoData != Settings.DemoData.none) {
            // Only fills a database without posts, so a restart keeps what is there.
            new InkwellApiApplication().run(demoData == Settings.DemoData.full
                    ? new String[] {"seed-demo-data", "--full", config.toString()}
                    : new String[] {"seed-demo-data", config.toString()});
        }
        String dashboardPassword = startWorker(settings, settingsFile.resolveSibling(settings.worker()));
        new InkwellApiApplication().run("server", config.toString());

        String port = System.getenv().getOrDefault("PORT", "8080");
        String adminPort = System.getenv().getOrDefault("ADMIN_PORT", "8081");
        System.out.println();
        System.out.println("Inkwell is running (local mode). Stop it with Ctrl-C.");
        System.out.println("  API:        http://localhost:" + port + "/api/posts");
        System.out.println("  OpenAPI:    http://localhost:" + port + "/api/openapi.json");
        System.out.println("  Health:     http://127.0.0.1:" + adminPort + "/healthcheck");
        System.out.println("  Ready:      http://localhost:" + port + "/health-check?type=ready");
        System.out.println("  Worker:     http://127.0.0.1:" + settings.workerAdminPort() + "/healthcheck (jobs: bulk updates, backups in "
                + backupDir(settings) + ")");
        if (dashboardPassword != null) {
            System.out.println("  Dashboard:  http://localhost:" + System.getenv().getOrDefault("DASHBOARD_PORT", "8000")
                    + "/dashboard  (user admin, password " + dashboardPassword + ")");
        }
        if (adminPortPassword != null) {
            System.out.println("  Admin port: metrics, threads, tasks as user admin, password " + adminPortPassword);
        }
        System.out.println("  Database:   " + database.jdbcUrl());
        System.out.println("  Cache:      " + redis.replaceAll("//[^@/]*@", "//***@"));
        if (admin != null) {
            System.out.println(admin);
        }
    }

    private static String backupDir(Settings settings) {
        return System.getenv().getOrDefault("BACKUP_DIR", Path.of(settings.dataDir(), "backups").toAbsolutePath().toString());
    }

    /**
     * Starts the worker in this process on its own ports (WORKER_PORT, WORKER_ADMIN_PORT), with
     * the JobRunr dashboard behind a password (DASHBOARD_PASSWORD, or one made up and returned
     * to print). Its dw.* overrides are removed again before the api reads its configuration,
     * which has no such sections.
     */
    private static String startWorker(Settings settings, Path workerConfig) throws Exception {
        String given = System.getenv("DASHBOARD_PASSWORD");
        String password = given == null || given.isBlank() ? randomSecret() : null;
        Map<String, String> only = new LinkedHashMap<>();
        only.put("dw.server.applicationConnectors[0].port", Integer.toString(settings.workerPort()));
        only.put("dw.server.adminConnectors[0].port", Integer.toString(settings.workerAdminPort()));
        only.put("dw.backups.dir", backupDir(settings));
        if (password != null) {
            only.put("dw.jobs.dashboardPassword", password);
        }
        only.forEach(System::setProperty);
        try {
            new InkwellWorkerApplication().run("server", workerConfig.toString());
        } finally {
            only.keySet().forEach(System::clearProperty);
        }
        return password;
    }

    private static String randomSecret() {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** DATABASE_URL if set; else the embedded server with its "inkwell" database. */
    private static DatabaseUrl database(Settings settings) throws Exception {
        String url = System.getenv("DATABASE_URL");
        if (url != null && !url.isBlank()) {
            DatabaseUrl given = DatabaseUrl.parse(url);
            String user = System.getenv("DATABASE_USER");
            String password = System.getenv("DATABASE_PASSWORD");
            return new DatabaseUrl(given.jdbcUrl(), user == null || user.isBlank() ? given.user() : user,
                    password == null || password.isEmpty() ? given.password() : password);
        }
        Path dataDir = Path.of(settings.dataDir(), "postgres").toAbsolutePath();
        Files.createDirectories(dataDir.getParent());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(30))
                .start();
        System.out.println("local: embedded PostgreSQL 15 on port " + postgres.getPort() + ", data in " + dataDir);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement();
             ResultSet exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'inkwell'")) {
            if (!exists.next()) {
                s.execute("CREATE DATABASE inkwell");
            }
        }
        return new DatabaseUrl("jdbc:postgresql://localhost:" + postgres.getPort() + "/inkwell", "postgres", null);
    }

    /** REDIS_URL if set; else an embedded Redis on a free loopback port that keeps nothing on disk. */
    private static String redis(Settings settings) throws Exception {
        String url = System.getenv("REDIS_URL");
        if (url != null && !url.isBlank()) {
            return url.strip();
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("maxmemory " + settings.redisMaxMemory())
                .setting("maxmemory-policy allkeys-lru")
                .build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                // Exiting anyway.
            }
        }, "local-redis-stop"));
        System.out.println("local: embedded Redis on port " + port);
        return "redis://127.0.0.1:" + port;
    }

    /** On a database without admins: creates "admin" with a random password; returns what to print. */
    private static String firstRunAdmin(DatabaseUrl database) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(database.jdbcUrl());
        if (database.user() != null) {
            ds.setUser(database.user());
        }
        if (database.password() != null) {
            ds.setPassword(database.password());
        }
        Jdbi jdbi = InkwellJdbi.configure(Jdbi.create(ds));
        boolean hasAdmin = jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin')")
                .mapTo(Boolean.class).one());
        if (hasAdmin) {
            return null;
        }
        String password = randomSecret();
        User admin = jdbi.onDemand(UserDao.class).insert(
                new NewUser("admin", "admin@localhost.localdomain", PasswordHasher.owaspDefaults().hash(password), Role.ADMIN));
        Tokens.Issued token = new Tokens(jdbi.onDemand(ApiTokenDao.class), Duration.ofDays(30)).issue(admin.id());
        return "  Admin:      username admin, password " + password + " (shown once)\n"
                + "  Token:      Authorization: Bearer " + token.token() + "  (until " + token.expiresAt() + ")";
    }
}
