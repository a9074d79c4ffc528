package dev.inkwell.ops;

import dev.inkwell.persistence.testing.TestHttp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar inkwell.jar local} as a user starts it, on free ports of its own (never the
 * defaults) and a data folder the test names, with its output in a file.
 */
final class LocalRun implements AutoCloseable {
    /** Every variable that moves a port of local mode, with the free port a run gets for it. */
    static final List<String> PORT_VARIABLES = List.of("PORT", "ADMIN_PORT", "WORKER_PORT", "WORKER_ADMIN_PORT", "DASHBOARD_PORT");

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
