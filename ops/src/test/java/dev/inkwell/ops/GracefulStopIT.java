package dev.inkwell.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inkwell.persistence.testing.KeepAliveConnection;
import dev.inkwell.persistence.testing.KeepAliveConnection.Answer;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.persistence.testing.TestRedis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's api stopped with SIGTERM (as an orchestrator or systemd stops it) while keep-alive
 * clients keep sending: every request gets its normal answer, and a connection ends only after
 * an answer that said {@code Connection: close} (or, for a new connection, before it was taken).
 * Never a 503 from Jetty, never a connection dropped under a request.
 *
 * <p>One close is not the server's to avoid: once the stop began, Jetty closes a connection that
 * sat idle for its shutdown idle timeout (1 s), as every HTTP server closes idle connections, and
 * a request the client sends at that moment meets a closed connection (clients open a new one). A
 * client thread starved for a second on a busy machine (CI, with another fork starting JVMs) does
 * exactly that. So each request carries its own {@code X-Request-Id}, and a dropped connection is
 * a failure when the server took its request (the request log names the id), or when the client had
 * sent its previous request less than half that timeout before (a connection closed after an
 * answer without {@code Connection: close}), not otherwise. The gap counts from the previous
 * request's write, not its answer's read: a client starved before it reads an answer must not make
 * the server's idle time look short.
 */
@Tag("slow") // runs the jar or the api and worker together: own failsafe execution (root pom)
class GracefulStopIT {
    private static final int CLIENTS = 6;
    /**
     * A client's think time between answer and next request: when the stop begins its connection
     * is open and idle, and its next request arrives after the stop began.
     */
    private static final long THINK_MILLIS = 50;
    private static final long LIMIT_NANOS = TimeUnit.MINUTES.toNanos(2);
    /** Half of Jetty's shutdown idle timeout (1 s): a client idle for less cannot have met it. */
    private static final long IDLE_CLOSE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    @Test
    void keepAliveClientsSeeOnlyNormalAnswersOrCleanClosesWhileTheApiStops() throws Exception {
        try (TestDatabase db = TestPostgres.get().newDatabase();
             Jar.Server server = Jar.Server.start(db.url(), Map.of("REDIS_URL", TestRedis.get().url()), List.of(), "api")) {
            Process api = server.process;
            int port = server.port;
            server.awaitHealthy(server.url("/health-check?type=ready"));
            String email = "stopping-" + port + "@example.com";
            Answer user = exchange(port, "POST", "/api/users",
                    Map.of("username", "stopping" + port, "email", email, "password", "a password of some length"));
            assertThat(user.status()).as(user.body()).isEqualTo(201);
            long id = new ObjectMapper().readTree(user.body()).get("id").asLong();
            Answer token = exchange(port, "POST", "/api/tokens",
                    Map.of("username", "stopping" + port, "password", "a password of some length"));
            assertThat(token.status()).as(token.body()).isEqualTo(201);
            String bearer = "Authorization: Bearer " + new ObjectMapper().readTree(token.body()).get("token").asText();
            byte[] patch = new ObjectMapper().writeValueAsBytes(Map.of("email", email));

            Load load = new Load(port, patch, id, bearer);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Thread client = new Thread(load::run, "keep-alive-client-" + i);
                client.start();
                clients.add(client);
            }
            Poll.until(Duration.ofNanos(LIMIT_NANOS), "the clients got 60 answers", () -> load.answered.get() >= 60);
            assertThat(load.failures).as("before the stop").isEmpty();
            api.destroy(); // SIGTERM
            for (Thread client : clients) {
                client.join(TimeUnit.NANOSECONDS.toMillis(LIMIT_NANOS));
            }
            // Every client has been refused: the connections are gone, so the stop ends well
            // before the grace period (10 s) would cut it short.
            assertThat(api.waitFor(8, TimeUnit.SECONDS)).as("stopped once the connections were gone").isTrue();

            String log = server.output();
            List<String> failures = new ArrayList<>(load.failures);
            int closedIdle = 0;
            for (Map.Entry<String, String> dropped : load.dropped.entrySet()) {
                if (log.contains(dropped.getKey())) {
                    failures.add("the server took request " + dropped.getKey() + " and closed its connection: " + dropped.getValue());
                } else if (!dropped.getValue().startsWith(Load.FIRST)) {
                    closedIdle++; // a connection that had answers, closed idle (a new one never taken counts not)
                }
            }
            // The failures before the log: CI's report keeps only the start of a long message.
            assertThat(failures).withFailMessage("requests not answered normally: %s%nlog: %s", failures, log).isEmpty();
            // Every client was on an open connection when the stop began, and was told to leave it
            // (or found it closed after a second's idleness, before its request reached the server).
            assertThat(load.toldToClose.get()).isPositive();
            assertThat(load.toldToClose.get() + closedIdle).isGreaterThanOrEqualTo(CLIENTS);
        }
    }

    /** Clients that send on one connection each, until the api refuses new connections. */
    private static final class Load {
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger toldToClose = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        /** How a drop on a connection's first request is described (a new connection, maybe never taken). */
        static final String FIRST = "first request: ";
        /** The ids of requests whose connection closed before their answer, with what the client saw. */
        final Map<String, String> dropped = new ConcurrentHashMap<>();
        private final AtomicLong requestIds = new AtomicLong();
        private final int port;
        private final byte[] patchBody;
        private final String patchPath;
        private final String bearer;

        Load(int port, byte[] patchBody, long userId, String bearer) {
            this.port = port;
            this.patchBody = patchBody;
            this.patchPath = "/api/users/" + userId;
            this.bearer = bearer;
        }

        /**
         * The load, not a wait (so not {@code Poll}): each pass is one client connection, and the
         * deadline only ends the test when the api never stops taking connections.
         */
        void run() {
            long deadline = System.nanoTime() + LIMIT_NANOS;
            while (System.nanoTime() < deadline) {
                try (KeepAliveConnection connection = new KeepAliveConnection(port, 30_000)) {
                    converse(connection);
                } catch (ConnectException refused) {
                    return; // the listener is closed: a load balancer sends elsewhere
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (IOException e) {
                    failures.add("connect: " + e);
                }
            }
            failures.add("the api still took connections after " + LIMIT_NANOS / 1_000_000_000 + " s");
        }

        /** Requests on one connection until the server says it closes it, or it fails. */
        private void converse(KeepAliveConnection connection) throws InterruptedException {
            long previousWrite = 0;
            for (int i = 0; ; i++) {
                String id = "graceful-stop-" + requestIds.incrementAndGet() + ".r"; // no id a prefix of another
                String requestId = "X-Request-Id: " + id;
                Answer answer;
                long write = System.nanoTime();
                try {
                    if (i % 2 == 0) {
                        connection.write(KeepAliveConnection.head("PATCH", patchPath, patchBody.length,
                                "Content-Type: application/json", bearer, requestId), patchBody);
                    } else {
                        connection.write(KeepAliveConnection.head("GET", "/api/posts?per_page=1", 0, requestId));
                    }
                    answer = connection.read();
                } catch (IOException e) {
                    String drop = i == 0 ? FIRST + e : "keep-alive connection dropped after " + i + " answers, "
                            + TimeUnit.NANOSECONDS.toMillis(write - previousWrite) + " ms after the previous request: " + e;
                    if (i > 0 && write - previousWrite < IDLE_CLOSE_NANOS) {
                        failures.add(drop);
                    } else {
                        // Excused unless the api took the request: a connection idle past the shutdown
                        // idle timeout, or (the first request) a new one the stopping listener never took.
                        dropped.put(id, drop);
                    }
                    return;
                }
                previousWrite = write;
                answered.incrementAndGet();
                if (answer.status() != 200) {
                    failures.add(answer.status() + " " + answer.headers() + " " + answer.body());
                }
                if (answer.closes()) {
                    toldToClose.incrementAndGet();
                    return;
                }
                Thread.sleep(THINK_MILLIS);
            }
        }
    }

    /** One request on a connection of its own, closed after the answer. */
    private static Answer exchange(int port, String method, String path, Object json) throws IOException {
        byte[] body = json == null ? new byte[0] : new ObjectMapper().writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        try (KeepAliveConnection connection = new KeepAliveConnection(port, 30_000)) {
            connection.write(KeepAliveConnection.head(method, path, body.length, "Content-Type: application/json", "Connection: close"), body);
            return connection.read();
        }
    }
}
