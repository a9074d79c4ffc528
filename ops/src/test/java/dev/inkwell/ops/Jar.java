package dev.inkwell.ops;

import dev.inkwell.persistence.DatabaseUrl;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar an operator gets ({@code target/inkwell.jar}, built in the package phase), started as a
 * separate JVM exactly as the README says, and the polls the tests wait on it with.
 */
final class Jar {
    private static final Random RANDOM = new Random();

    static final Path JAR = Path.of("target", "inkwell.jar");
    /** The JVM settings every start path uses (README, RUNBOOK): heap, GC and memory bounds. */
    static final String JVM_OPTIONS = "@" + Path.of("config", "jvm.options");
    static final Duration LIMIT = Duration.ofMinutes(2);

    /** How a run that was let finish ended. */
    record Run(int exit, String output) {
    }

    private Jar() {
    }

    /**
     * {@code java @config/jvm.options -jar inkwell.jar args...} with {@code env} on top of this environment, without the
     * addresses and secrets a developer's shell may hold; DATABASE_URL etc. from {@code database}.
     */
    static ProcessBuilder java(DatabaseUrl database, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                JVM_OPTIONS, "-jar", JAR.toString()));
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

    /** Runs the jar to its end (at most {@link #LIMIT}). */
    static Run run(DatabaseUrl database, Map<String, String> env, String... args) throws Exception {
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

    /** Waits until {@code url} answers 200 and returns the body; fails when the process exits first. */
    static String awaitHealthy(Process server, String url, Path log) throws Exception {
        Instant deadline = Instant.now().plus(LIMIT);
        while (Instant.now().isBefore(deadline)) {
            assertThat(server.isAlive()).as("server exited: " + Files.readString(log)).isTrue();
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(5000);
                if (c.getResponseCode() == 200) {
                    return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            server.waitFor(200, TimeUnit.MILLISECONDS); // a bounded pause between polls
        }
        throw new AssertionError("not healthy within " + LIMIT + ": " + Files.readString(log));
    }

    /** Waits until the output holds {@code marker} and returns all of it; fails when the process exits first. */
    static String awaitOutput(Process process, Path log, String marker) throws Exception {
        Instant deadline = Instant.now().plus(LIMIT);
        while (Instant.now().isBefore(deadline)) {
            String output = Files.readString(log);
            if (output.contains(marker)) {
                return output;
            }
            assertThat(process.isAlive()).as("exited: " + output).isTrue();
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("no '" + marker + "' in " + Files.readString(log));
    }

    /** A GET with a bearer token that must answer 200; its body. */
    static String get(String url, String token) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestProperty("Authorization", "Bearer " + token);
        c.setConnectTimeout(2000);
        c.setReadTimeout(10000);
        assertThat(c.getResponseCode()).isEqualTo(200);
        return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The status of a GET, or -1 when nothing answers. */
    static int status(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            try {
                return c.getResponseCode();
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768-60999), at random: a port the kernel hands
     * out for bind(0) can be taken by an outgoing connection before the server binds it, and two
     * such calls in a row can return the same port.
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
