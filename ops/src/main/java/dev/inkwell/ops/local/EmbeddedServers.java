package dev.inkwell.ops.local;

import dev.inkwell.persistence.DatabaseFactory;
import dev.inkwell.persistence.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The servers local mode brings along when DATABASE_URL / REDIS_URL are unset: a PostgreSQL 15
 * whose data stays in the data folder, and a Redis that keeps nothing. Each is added to the stop
 * order as soon as it runs, and its leftovers from a killed run are stopped before it starts.
 */
final class EmbeddedServers {
    private static final Duration REDIS_START = Duration.ofSeconds(10);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private EmbeddedServers() {
    }

    /** Starts PostgreSQL on {@code <data folder>/postgres} and makes sure it has the "inkwell" database. */
    static DatabaseUrl postgres(DataFolder folder, StopOrder stops) throws IOException {
        Path dataDir = folder.dir().resolve("postgres");
        folder.stopLeftoverPostgres(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                // The library is made for throwaway test databases: it starts postgres with -F
                // (fsync off) and synchronous_commit off. These data are kept, so they are written
                // as safely as PostgreSQL's defaults write them: a crash of the machine loses nothing
                // that was committed. (Later -c options win over -F.)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(Duration.ofSeconds(30))
                .start();
        stops.add("PostgreSQL", postgres::close);
        System.out.println("local: embedded PostgreSQL 15 on port " + postgres.getPort() + ", data in " + dataDir);
        DatabaseUrl inkwell = DatabaseUrl.of("localhost", postgres.getPort(), "inkwell", "postgres", null);
        try (DatabaseFactory.Database db = DatabaseFactory.of(inkwell.withDatabase("postgres")).openOutsideServer("local")) {
            db.jdbi().useHandle(h -> {
                if (h.createQuery("SELECT 1 FROM pg_database WHERE datname = 'inkwell'").mapTo(Integer.class).findOne().isEmpty()) {
                    h.execute("CREATE DATABASE inkwell");
                }
            });
        }
        return inkwell;
    }

    /**
     * Starts Redis on a free loopback port, holding at most {@code maxMemory}, its log in the data
     * folder; returns its URL. Started here from the library's binary rather than by the library,
     * whose own shutdown hook would stop Redis while the API still runs, and which does not say
     * which process it started.
     */
    static String redis(String maxMemory, DataFolder folder, StopOrder stops) throws IOException {
        folder.stopLeftoverRedis();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("maxmemory " + maxMemory)
                .setting("maxmemory-policy allkeys-lru")
                .buildCommandArgs());
        if (Files.isExecutable(SETSID)) {
            // Its own session, so that Ctrl-C in the terminal stops it through the stop order,
            // after the API, instead of at once with the rest of the terminal's process group.
            command.add(0, SETSID.toString());
        }
        Path log = folder.dir().resolve("redis.log");
        Process redis = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        folder.recordRedis(redis.toHandle());
        stops.add("Redis", () -> {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
            folder.forgetRedis();
        });
        awaitPong(redis, port, log);
        System.out.println("local: embedded Redis on port " + port);
        return "redis://127.0.0.1:" + port;
    }

    /** Waits until Redis answers PING, for at most REDIS_START. */
    private static void awaitPong(Process redis, int port, Path log) throws IOException {
        Instant deadline = Instant.now().plus(REDIS_START);
        while (Instant.now().isBefore(deadline)) {
            if (!redis.isAlive()) {
                throw new LocalModeException("the embedded Redis did not start; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                socket.setSoTimeout(1000);
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] answer = socket.getInputStream().readNBytes(5);
                if (new String(answer, StandardCharsets.US_ASCII).equals("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                redis.waitFor(50, TimeUnit.MILLISECONDS); // a bounded pause between tries
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while Redis started", e);
            }
        }
        throw new LocalModeException("the embedded Redis did not answer within " + REDIS_START.toSeconds() + " s; see " + log);
    }
}
