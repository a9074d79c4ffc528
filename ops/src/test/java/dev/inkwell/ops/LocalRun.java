package dev.inkwell.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestHttp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar inkwell.jar local} as a user starts it, on free ports of its own (never the
 * defaults) and a data folder the test names, with its output in a file; what it prints, a copy of
 * a stopped run's data folder, and what a user does with it by the README's examples.
 */
final class LocalRun implements AutoCloseable {
    /** Every variable that moves a port of local mode, with the free port a run gets for it. */
    static final List<String> PORT_VARIABLES = List.of("PORT", "ADMIN_PORT", "WORKER_PORT", "WORKER_ADMIN_PORT", "DASHBOARD_PORT");
    /** The admin token and password a run prints when it makes the admin (for {@link #printed}). */
    static final String TOKEN = "Authorization: Bearer (iw_[A-Za-z0-9_-]+)";
    static final String PASSWORD = "Admin: +username admin, password (\\S+)";

    final Map<String, String> env;
    private final Process process;
    private final Path log;

    private LocalRun(Map<String, String> env, Process process, Path log) {
        this.env = env;
        this.process = process;
        this.log = log;
    }

    /**
     * The environment of a run on {@code data} with a free port for each of {@link #PORT_VARIABLES}.
     * Picked here rather than 0: local mode checks every port before it starts anything (a taken
     * one stops it in one line, which {@code LocalModeIT} tests), prints its addresses, and runs
     * three servers whose ports the test could not tell apart in the output.
     */
    static Map<String, String> environment(Path data) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("INKWELL_DATA_DIR", data.toString());
        for (String variable : PORT_VARIABLES) {
            String port;
            do {
                port = Integer.toString(Jar.freePort());
            } while (env.containsValue(port)); // local mode refuses one port for two servers
            env.put(variable, port);
        }
        return env;
    }

    /**
     * A copy of the data folder {@code data} under {@code dir}, consistent only if no run uses the
     * original; with the files' permissions, since PostgreSQL refuses a data directory others may read.
     */
    static Path copyOfData(Path data, Path dir) throws IOException {
        Path copy = dir.resolve("data");
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, copy.resolve(data.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    static LocalRun start(Map<String, String> env, String... options) throws Exception {
        Path log = Files.createTempFile("inkwell-local", ".log");
        List<String> args = new ArrayList<>(List.of("local"));
        args.addAll(List.of(options));
        args.add("config/local.yml");
        Process process = Jar.java(null, env, args.toArray(String[]::new)).redirectOutput(log.toFile()).start();
        return new LocalRun(env, process, log);
    }

    int port(String variable) {
        return Integer.parseInt(env.get(variable));
    }

    String api() {
        return "http://127.0.0.1:" + port("PORT") + "/api";
    }

    Process process() {
        return process;
    }

    /** Waits until the output holds {@code marker} (fails if the run exits first); all output so far. */
    String awaitOutput(String marker) throws Exception {
        return Jar.awaitOutput(process, log, marker);
    }

    String output() throws Exception {
        return Files.readString(log);
    }

    /** The first group of {@code pattern} in the output so far, e.g. the admin's printed password. */
    String printed(String pattern) throws Exception {
        Matcher m = Pattern.compile(pattern).matcher(output());
        assertThat(m.find()).as("no " + pattern + " in " + output()).isTrue();
        return m.group(1);
    }

    /** Whether {@code token} is an admin's: an admin-only endpoint answers 200. */
    boolean isAdmin(String token) {
        return TestHttp.get(api() + "/admin/cache").bearer(token).send().status() == 200;
    }

    /** The status of a sign-in as 'admin' with {@code password}. */
    int signIn(String password) {
        return TestHttp.post(api() + "/tokens", Map.of("username", "admin", "password", password)).send().status();
    }

    /** The number of posts {@code token}'s user sees. */
    long postsTotal(String token) {
        return TestHttp.get(api() + "/posts?per_page=1").bearer(token).expect(200).get("total").asLong();
    }

    /** The text of the first {@code sh} block after {@code heading} in {@code markdown}, e.g. an example of the README. */
    static String codeBlock(String markdown, String heading) {
        int section = markdown.indexOf("\n" + heading);
        assertThat(section).as(heading).isPositive();
        int start = markdown.indexOf("```sh\n", section) + "```sh\n".length();
        return markdown.substring(start, markdown.indexOf("```", start));
    }

    /** The category named {@code name}, as anyone reads it from {@code local}'s API. */
    static JsonNode findCategory(LocalRun local, String name) {
        for (JsonNode category : TestHttp.get(local.api() + "/categories?per_page=100").send().json().get("items")) {
            if (category.get("name").asText().equals(name)) {
                return category;
            }
        }
        throw new AssertionError("no category " + name);
    }

    /** The state of {@code job} once it succeeded, polled with {@code token}; fails if it fails or takes too long. */
    static JsonNode awaitJob(LocalRun local, String job, String token) throws Exception {
        return Poll.until(Jar.LIMIT, Duration.ofMillis(200), "the job succeeds", () -> {
            JsonNode state = TestHttp.get(local.api() + "/jobs/" + job).bearer(token).expect(200);
            assertThat(state.get("state").asText()).isIn("enqueued", "processing", "scheduled", "succeeded");
            return state;
        }, state -> state.get("state").asText().equals("succeeded"));
    }

    /** A connection to its embedded PostgreSQL's database, as the superuser; the caller closes it. */
    Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:"
                + printed("embedded PostgreSQL 15 on port (\\d+)") + "/inkwell", "postgres", "");
    }

    /** A setting of the server {@code c} is connected to ({@code SHOW name}). */
    static String setting(Connection c, String name) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** SIGTERM, as Ctrl-C or an orchestrator stops it; the exit status. */
    int stop() throws Exception {
        process.destroy();
        assertThat(process.waitFor(Jar.LIMIT.toSeconds(), TimeUnit.SECONDS)).as("stopped in time: " + output()).isTrue();
        return process.exitValue();
    }

    /** SIGKILL: nothing of the process runs again, its children stay. */
    void kill() throws Exception {
        process.destroyForcibly();
        assertThat(process.waitFor(Jar.LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop();
        }
        Files.deleteIfExists(log);
    }
}
