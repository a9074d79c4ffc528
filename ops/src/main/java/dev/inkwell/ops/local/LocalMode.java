package dev.inkwell.ops.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.ops.ApiApplication;
import dev.inkwell.ops.WorkerApplication;
import dev.inkwell.persistence.DatabaseFactory;
import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.cache.CacheFactory;
import dev.inkwell.worker.WorkerConfiguration;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.core.setup.Environment;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code java -jar inkwell.jar local}: Inkwell on this machine with nothing installed. Checks that
 * its ports are free and claims its data folder; starts an embedded PostgreSQL 15 whose data stays
 * in {@code <dataDir>/postgres} between runs (or uses {@code DATABASE_URL}) and an embedded Redis
 * (or {@code REDIS_URL}); migrates; fills an empty database with demo data; runs the worker (with
 * the JobRunr dashboard behind a printed password) and the API with the files local.yml names;
 * then, with everything listening, creates an admin on the first run and prints its password and
 * a token. Ctrl-C stops it all in the reverse order ({@link StopOrder}).
 */
public final class LocalMode {
    private static final String CONFIG = "ops/config/local.yml";
    public static final String USAGE = """

            usage: java -jar inkwell.jar local [--full-demo-data | --no-demo-data] [--reset-admin-password] [local.yml]
              An empty database gets demo data: a few hundred posts, or with --full-demo-data the
              benchmark's 10,000 users and 200,000 posts (about a minute); --no-demo-data: none.
              --reset-admin-password gives user admin a new password and prints it.
              local.yml (default ops/config/local.yml) names the api and worker configurations.
            """;

    private LocalMode() {
    }

    /** ops/config/local.yml, with ${VAR:-default} taken from the environment. */
    record Settings(String api, String worker, String dataDir, DemoData demoData, int workerPort, int workerAdminPort,
                    String redisMaxMemory) {
        enum DemoData { none, demo, full }

        static Settings read(Path file) throws java.io.IOException {
            String yaml = new EnvironmentVariableSubstitutor(true).replace(Files.readString(file));
            return new ObjectMapper(new YAMLFactory()).readValue(yaml, Settings.class);
        }
    }

    /** The command line of local mode, checked. */
    private record Options(Settings.DemoData demoData, boolean resetAdminPassword, Path settingsFile) {
        static Options parse(String[] args) {
            Settings.DemoData demoData = null;
            boolean reset = false;
            String settings = CONFIG;
            for (String arg : args) {
                switch (arg) {
                    case "--full-demo-data" -> demoData = Settings.DemoData.full;
                    case "--no-demo-data" -> demoData = Settings.DemoData.none;
                    case "--reset-admin-password" -> reset = true;
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new LocalModeException("unknown option " + arg + USAGE);
                        }
                        settings = arg;
                    }
                }
            }
            Path file = Path.of(settings);
            if (!Files.isRegularFile(file)) {
                throw new LocalModeException(file + " not found; run from the repository root or name the file" + USAGE);
            }
            return new Options(demoData, reset, file);
        }
    }

    /**
     * Runs local mode, and returns once everything listens (the servers go on in their threads).
     * A failure throws, as every command does: a {@link LocalModeException} is one line for the
     * user; the launcher turns it into exit status 1, and that exit stops, in order, whatever
     * had started ({@link StopOrder}).
     */
    public static void run(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path settingsFile = options.settingsFile();
        Settings settings = Settings.read(settingsFile);
        Path apiConfig = settingsFile.resolveSibling(settings.api());
        Path workerConfig = settingsFile.resolveSibling(settings.worker());
        String connector = "/server/applicationConnectors/0/";
        String admin = "/server/adminConnectors/0/";
        ListenPort api = ListenPort.read("the API", apiConfig, connector + "port", apiConfig, connector + "bindHost");
        ListenPort apiAdmin = ListenPort.read("the API's admin port", apiConfig, admin + "port", apiConfig, admin + "bindHost");
        ListenPort worker = ListenPort.read("the worker", settingsFile, "/workerPort", workerConfig, connector + "bindHost");
        ListenPort workerAdmin = ListenPort.read("the worker's admin port", settingsFile, "/workerAdminPort", workerConfig, admin + "bindHost");
        ListenPort dashboard = ListenPort.read("the JobRunr dashboard", workerConfig, "/jobs/dashboardPort", null, null);
        // Before anything is started or created: a taken port is one line, and nothing to undo.
        ListenPort.checkFree(List.of(api, apiAdmin, worker, workerAdmin, dashboard));

        // Until Dropwizard configures logging, the embedded servers would log every step at DEBUG.
        ((Logger) LoggerFactory.getLogger("io.zonky")).setLevel(Level.WARN);
        StopOrder stops = new StopOrder();
        DataFolder folder = DataFolder.claim(Path.of(settings.dataDir()).toAbsolutePath().normalize());
        stops.add("the data folder's lock", folder::release);
        DatabaseUrl database = database(folder, stops);
        // Dropwizard reads dw.* system properties as overrides of the YAML.
        System.setProperty("dw.database.url", database.jdbcUrl());
        System.setProperty("dw.database.user", database.user() == null ? "" : database.user());
        System.setProperty("dw.database.password", database.password() == null ? "" : database.password());
        if (System.getenv("DATABASE_URL") == null || System.getenv("DATABASE_URL").isBlank()) {
            System.setProperty("dw.directDatabaseUrl", ""); // the embedded server: a DATABASE_DIRECT_URL names another one
        }
        String redis = redis(settings, folder, stops);
        // No load balancer to drain in local mode: Ctrl-C stops at once.
        System.setProperty("dw.health.delayedShutdownHandlerEnabled", "false");
        System.setProperty("dw.cache.url", redis);
        String givenAdminPassword = System.getenv("ADMIN_PASSWORD");
        String adminPortPassword = givenAdminPassword == null || givenAdminPassword.isBlank() ? LocalAdmin.randomSecret() : null;
        if (adminPortPassword != null) {
            System.setProperty("dw.adminPassword", adminPortPassword);
        }

        new ApiApplication().run("db", "migrate", apiConfig.toString());
        Settings.DemoData demoData = options.demoData() != null ? options.demoData() : settings.demoData();
        if (demoData != Settings.DemoData.none) {
            // Only fills a database without posts, so a restart keeps what is there.
            new ApiApplication().run(demoData == Settings.DemoData.full
                    ? new String[] {"seed-demo-data", "--full", apiConfig.toString()}
                    : new String[] {"seed-demo-data", apiConfig.toString()});
        }
        String dashboardPassword = startWorker(settings, workerConfig, folder, stops);
        String publicBaseUrl = System.getenv("PUBLIC_BASE_URL");
        if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
            // The feeds' links: the API on this machine (set after the worker started: its configuration has no feeds).
            System.setProperty("dw.feeds.baseUrl", "http://localhost:" + api.port());
        }
        AtomicReference<CacheFactory> apiCache = new AtomicReference<>();
        new ApiApplication() {
            @Override
            public void run(ApiConfiguration configuration, Environment environment) {
                apiCache.set(configuration.getCache());
                super.run(configuration, environment);
                environment.lifecycle().addServerLifecycleListener(server -> stops.add("the API", server));
            }
        }.run("server", apiConfig.toString());
        Optional<String> adminAccount = new LocalAdmin(database, apiCache.get()).prepare(options.resetAdminPassword());

        System.out.println();
        System.out.println("Inkwell is running (local mode). Stop it with Ctrl-C.");
        System.out.println("  API:        http://localhost:" + api.port() + "/api/posts");
        System.out.println("  OpenAPI:    http://localhost:" + api.port() + "/api/openapi.json");
        System.out.println("  Health:     http://127.0.0.1:" + apiAdmin.port() + "/healthcheck");
        System.out.println("  Ready:      http://localhost:" + api.port() + "/health-check?type=ready");
        System.out.println("  Worker:     http://127.0.0.1:" + workerAdmin.port() + "/healthcheck (jobs: bulk updates, backups in "
                + backupDir(folder) + ")");
        if (dashboardPassword != null) {
            System.out.println("  Dashboard:  http://localhost:" + dashboard.port() + "/dashboard  (user admin, password "
                    + dashboardPassword + ")");
        }
        if (adminPortPassword != null) {
            System.out.println("  Admin port: metrics, threads, tasks as user admin, password " + adminPortPassword);
        }
        System.out.println("  Database:   " + database.jdbcUrl());
        System.out.println("  Cache:      " + redis.replaceAll("//[^@/]*@", "//***@"));
        adminAccount.ifPresent(System.out::println);
    }

    private static String backupDir(DataFolder folder) {
        return System.getenv().getOrDefault("BACKUP_DIR", folder.dir().resolve("backups").toString());
    }

    /**
     * Starts the worker in this process on its own ports (WORKER_PORT, WORKER_ADMIN_PORT), with
     * the JobRunr dashboard behind a password (DASHBOARD_PASSWORD, or one made up and returned
     * to print). Its dw.* overrides are removed again before the api reads its configuration,
     * which has no such sections.
     */
    private static String startWorker(Settings settings, Path workerConfig, DataFolder folder, StopOrder stops) throws Exception {
        String given = System.getenv("DASHBOARD_PASSWORD");
        String password = given == null || given.isBlank() ? LocalAdmin.randomSecret() : null;
        Map<String, String> only = new LinkedHashMap<>();
        only.put("dw.server.applicationConnectors[0].port", Integer.toString(settings.workerPort()));
        only.put("dw.server.adminConnectors[0].port", Integer.toString(settings.workerAdminPort()));
        only.put("dw.backups.dir", backupDir(folder));
        if (password != null) {
            only.put("dw.jobs.dashboardPassword", password);
        }
        only.forEach(System::setProperty);
        try {
            new WorkerApplication() {
                @Override
                public void run(WorkerConfiguration configuration, Environment environment) {
                    super.run(configuration, environment);
                    environment.lifecycle().addServerLifecycleListener(server -> stops.add("the worker", server));
                }
            }.run("server", workerConfig.toString());
        } finally {
            only.keySet().forEach(System::clearProperty);
        }
        return password;
    }

    /** DATABASE_URL if set; else the embedded server with its "inkwell" database. */
    private static DatabaseUrl database(DataFolder folder, StopOrder stops) throws Exception {
        String url = System.getenv("DATABASE_URL");
        if (url == null || url.isBlank()) {
            return EmbeddedServers.postgres(folder, stops);
        }
        // As the YAML's database section reads them: DATABASE_USER / DATABASE_PASSWORD win over the URL's.
        DatabaseFactory given = new DatabaseFactory();
        given.setUrl(url);
        given.setUser(System.getenv("DATABASE_USER"));
        given.setPassword(System.getenv("DATABASE_PASSWORD"));
        return given.url();
    }

    /** REDIS_URL if set; else an embedded Redis that keeps nothing on disk. */
    private static String redis(Settings settings, DataFolder folder, StopOrder stops) throws Exception {
        String url = System.getenv("REDIS_URL");
        if (url != null && !url.isBlank()) {
            return url.strip();
        }
        return EmbeddedServers.redis(settings.redisMaxMemory(), folder, stops);
    }
}
