package dev.inkwell.ops;

import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestHttp;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar an operator gets ({@code target/inkwell.jar}, built in the package phase), started as a
 * separate JVM exactly as the README says, and the waits the tests use on it.
 */
public final class Jar {
    private static final Random RANDOM = new Random();
    /** Jetty's "Started application@1a2b{HTTP/1.1, (http/1.1)}{0.0.0.0:41234}", one line per connector. */
    private static final Pattern STARTED = Pattern.compile("Started (application|admin)@[0-9a-f]+\\{[^}]*}\\{[^}]*:(\\d+)}");

    static final Path JAR = Path.of("target", "inkwell.jar");
    /** The JVM settings every start path uses (README, RUNBOOK): heap, GC and memory bounds. */
    static final String JVM_OPTIONS = "@" + Path.of("config", "jvm.options");
    /**
     * Only in tests, after {@link #JVM_OPTIONS}: no optimizing JIT (C2). The tests start the jar
     * dozens of times for seconds each, too short for C2's code to pay for its compiling: without
     * it, {@code api db migrate} took 3.7 instead of 6.9 CPU seconds and an api server start 4.4
     * instead of 7.2, on a 2-core machine where the tests' other work waits for that CPU.
     */
    static final List<String> TEST_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");
    static final Duration LIMIT = Duration.ofMinutes(2);

    /** How a run that was let finish ended. */
    public record Run(int exit, String output) {
    }

    private Jar() {
    }

    /**
     * {@code java @config/jvm.options [TEST_JVM_OPTIONS] [jvmOptions] -jar inkwell.jar args...} with {@code env} on top of this environment,
     * without the addresses and secrets a developer's shell may hold; DATABASE_URL etc. from {@code database}.
     */
    static ProcessBuilder java(DatabaseUrl database, Map<String, String> env, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), JVM_OPTIONS));
        command.addAll(TEST_JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        for (String inherited : List.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "REDIS_URL", "ADMIN_PASSWORD",
                "DASHBOARD_PASSWORD", "BACKUP_DIR", "INKWELL_DATA_DIR")) {
            builder.environment().remove(inherited);
        }
        if (database != null) {
            builder.environment().put("DATABASE_URL", database.jdbcUrl());
            builder.environment().put("DATABASE_USER", database.user() == null ? "" : database.user());
            builder.environment().put("DATABASE_PASSWORD", database.password() == null ? "" : database.password());
        }
        builder.environment().putAll(env);
        return builder;
    }

    static ProcessBuilder java(DatabaseUrl database, Map<String, String> env, String... args) {
        return java(database, env, List.of(), args);
    }

    /** Runs the jar to its end (at most {@link #LIMIT}). */
    public static Run run(DatabaseUrl database, Map<String, String> env, String... args) throws Exception {
        Path log = Files.createTempFile("inkwell-jar", ".log");
        Process process = java(database, env, args).redirectOutput(log.toFile()).start();
        try {
            assertThat(process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("finished in time").isTrue();
            return new Run(process.exitValue(), Files.readString(log));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    /**
     * {@code app server config/<app>.yml} (api or worker) as a process, its public and admin
     * connectors on port 0: the ports the kernel gave them are read from the log once both
     * started, so no port is picked free beforehand and then lost to another process.
     */
    public static final class Server implements AutoCloseable {
        final Process process;
        final Path log;
        final int port;
        final int adminPort;

        private Server(Process process, Path log, int port, int adminPort) {
            this.process = process;
            this.log = log;
            this.port = port;
            this.adminPort = adminPort;
        }

        public static Server start(DatabaseUrl database, Map<String, String> env, List<String> jvmOptions, String app) throws Exception {
            Map<String, String> all = new HashMap<>(env);
            all.put("PORT", "0");
            all.put("ADMIN_PORT", "0");
            Path log = Files.createTempFile("inkwell-" + app, ".log");
            Process process = java(database, all, jvmOptions, app, "server", "config/" + app + ".yml").redirectOutput(log.toFile()).start();
            try {
                Map<String, Integer> ports = Poll.until(LIMIT, Duration.ofMillis(100), app + " reports both its ports", () -> {
                    String output = Files.readString(log);
                    assertThat(process.isAlive()).as("%s exited: %s", app, output).isTrue();
                    Map<String, Integer> found = new HashMap<>();
                    for (Matcher m = STARTED.matcher(output); m.find(); ) {
                        found.put(m.group(1), Integer.parseInt(m.group(2)));
                    }
                    return found;
                }, found -> found.size() == 2);
                return new Server(process, log, ports.get("application"), ports.get("admin"));
            } catch (AssertionError | Exception e) {
                process.destroyForcibly();
                String output = Files.readString(log);
                Files.deleteIfExists(log);
                throw new AssertionError(e.getMessage() + "; its output: " + output, e);
            }
        }

        /** {@code http://127.0.0.1:<public port><path>}. */
        public String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        String adminUrl(String path) {
            return "http://127.0.0.1:" + adminPort + path;
        }

        String output() throws IOException {
            return Files.readString(log);
        }

        /** Waits until {@code url} answers 200 and returns the body; fails when the process exits first. */
        public String awaitHealthy(String url) throws Exception {
            return awaitOk(process, url, log);
        }

        /** SIGTERM, then SIGKILL if it is still there after 30 s; the log goes. */
        @Override
        public void close() throws IOException {
            process.destroy();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    /** Waits until {@code url} answers 200 and returns the body; fails when the process exits first. */
    static String awaitOk(Process server, String url, Path log) throws Exception {
        return Poll.until(LIMIT, Duration.ofMillis(200), url + " answers 200", () -> {
            assertThat(server.isAlive()).as("server exited: " + Files.readString(log)).isTrue();
            try {
                return TestHttp.get(url).timeout(Duration.ofSeconds(5)).send();
            } catch (UncheckedIOException notListeningYet) {
                return null;
            }
        }, answer -> answer != null && answer.status() == 200).text();
    }

    /** Waits until the output holds {@code marker} and returns all of it; fails when the process exits first. */
    static String awaitOutput(Process process, Path log, String marker) throws Exception {
        return Poll.until(LIMIT, Duration.ofMillis(100), "the output holds '" + marker + "'", () -> {
            String output = Files.readString(log);
            assertThat(output.contains(marker) || process.isAlive()).as("exited: " + output).isTrue();
            return output;
        }, output -> output.contains(marker));
    }

    /**
     * A free port below Linux's ephemeral range (32768-60999), at random: a port the kernel hands
     * out for bind(0) can be taken by an outgoing connection before the server binds it, and two
     * such calls in a row can return the same port. Only for servers that must be told their
     * port up front (local mode checks all its ports before it starts anything; JobRunr's
     * dashboard does not report the port it bound); the others bind 0 ({@link Server}).
     */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = 20_000 + RANDOM.nextInt(12_768);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port below 32768");
    }
}
