package dev.inkwell.persistence.testing;

import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;

/**
 * The Redis server of a test JVM, started once: an embedded Redis on a free loopback port, or
 * the server of {@code INKWELL_TEST_REDIS_URL}. Tests that share it keep apart by key prefix.
 */
public final class TestRedis {
    public static final String ENV = "INKWELL_TEST_REDIS_URL";

    private static TestRedis instance;

    private final RedisServer embedded;
    private final String url;

    private TestRedis(RedisServer embedded, String url) {
        this.embedded = embedded;
        this.url = url;
    }

    public static synchronized TestRedis get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "test-redis-stop"));
        }
        return instance;
    }

    private static TestRedis start() {
        String external = System.getenv(ENV);
        if (external != null && !external.isBlank()) {
            return new TestRedis(null, external.strip());
        }
        return embedded();
    }

    /**
     * A Redis of the calling test's own, always embedded (also when {@value #ENV} is set), that
     * it may stop and restart; {@link #close()} it at the end. {@code settings} are redis.conf
     * lines, e.g. {@code "requirepass secret"}.
     */
    public static TestRedis privateServer(String... settings) {
        return embedded(settings);
    }

    /**
     * Redis must be told its port: "port 0" means no TCP at all, and it does not report a port
     * the kernel chose. So a free port is picked first, and another one tried when a different
     * process took it in between.
     */
    private static TestRedis embedded(String... settings) {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                int port = freePort();
                var builder = RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        .setting("save \"\"")
                        .setting("appendonly no");
                for (String setting : settings) {
                    builder.setting(setting);
                }
                RedisServer server = builder.build();
                server.start();
                return new TestRedis(server, "redis://127.0.0.1:" + port);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException("cannot start the embedded Redis", last);
    }

    /** {@code redis://host:port}, as {@code REDIS_URL} is written. */
    public String url() {
        return url;
    }

    /** A client of this server, for a test that reads or drops keys itself; the caller closes it. */
    public RedisClient client() {
        return RedisClient.create(URI.create(url));
    }

    /** Stops the embedded server (fault tests); {@link #restart()} brings it back on the same port. */
    public synchronized void stopServer() {
        requireEmbedded();
        try {
            embedded.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void restart() {
        requireEmbedded();
        try {
            embedded.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireEmbedded() {
        if (embedded == null) {
            throw new IllegalStateException("only the embedded Redis can be stopped by a test");
        }
    }

    /** Stops a private server for good. */
    public void close() {
        stop();
    }

    private void stop() {
        try {
            if (embedded != null && embedded.isActive()) {
                embedded.stop();
            }
        } catch (IOException | RuntimeException e) {
            // The JVM is exiting.
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
