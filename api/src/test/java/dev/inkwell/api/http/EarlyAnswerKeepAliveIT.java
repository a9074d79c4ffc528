package dev.inkwell.api.http;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.persistence.testing.FlakyProxy;
import dev.inkwell.persistence.testing.KeepAliveConnection;
import dev.inkwell.persistence.testing.KeepAliveConnection.Answer;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.persistence.testing.TestRedis;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keep-alive clients after an answer the API gives before it reads the request body: each
 * request's body arrives in two parts (the second once the answer has begun, or after a short
 * while), with the next request pipelined behind it on the same connection. That next request
 * must be answered: the server either reads the rest of the body or says Connection: close.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class EarlyAnswerKeepAliveIT {
    static final FlakyProxy POSTGRES = FlakyProxy.inFrontOf(TestPostgres.get().server());
    static final ApiApp API = new ApiApp(TestRedis.get(), POSTGRES,
            ConfigOverride.config("maxRequestBody", "64KiB"),
            ConfigOverride.config("rateLimits.tokens.perMinute", "1"),
            ConfigOverride.config("rateLimits.tokens.burst", "1"));
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    private static final int ROUNDS = 10;
    private static final int BODY = 48 * 1024;
    private static final String JSON = "Content-Type: application/json";
    private static final String BAD_TOKEN = "Authorization: Bearer iw_not-a-token-of-anyone";
    /** The pipelined next request: answered 200 whatever the state of the database. */
    private static final byte[] NEXT = KeepAliveConnection.head("GET", "/health-check?type=alive", 0);

    @AfterAll
    static void close() {
        POSTGRES.close();
    }

    @Test
    void badTokenOnAPatchKeepsTheConnection() throws Exception {
        assertNextRequestsAnswered(KeepAliveConnection.head("PATCH", "/api/posts/1", BODY, JSON, BAD_TOKEN), 401);
    }

    @Test
    void badTokenOnAChunkedPatchKeepsTheConnection() throws Exception {
        byte[] chunked = KeepAliveConnection.head("PATCH", "/api/posts/1", 0, JSON, BAD_TOKEN, "Transfer-Encoding: chunked");
        assertNextRequestsAnswered(chunked, chunked(body(BODY)), 401);
    }

    @Test
    void rateLimitedSignInKeepsTheConnection() throws Exception {
        byte[] signIn = KeepAliveConnection.head("POST", "/api/tokens", BODY, JSON);
        try (KeepAliveConnection spend = new KeepAliveConnection(APP.getLocalPort(), 10_000)) {
            spend.write(signIn, body(BODY)); // uses the one sign-in of the burst, whatever it answers
            spend.read();
        }
        assertNextRequestsAnswered(signIn, 429);
    }

    @Test
    void unsupportedMediaTypeKeepsTheConnection() throws Exception {
        assertNextRequestsAnswered(KeepAliveConnection.head("POST", "/api/users", BODY, "Content-Type: text/plain"), 415);
    }

    @Test
    void unknownRouteKeepsTheConnection() throws Exception {
        assertNextRequestsAnswered(KeepAliveConnection.head("POST", "/api/nowhere", BODY, JSON), 404);
    }

    @Test
    void databaseOutageKeepsTheConnection() throws Exception {
        POSTGRES.cut();
        try {
            assertNextRequestsAnswered(KeepAliveConnection.head("PATCH", "/api/posts/1", BODY, JSON, BAD_TOKEN), 503);
        } finally {
            POSTGRES.pass();
        }
    }

    @Test
    void aTokenInTheUrlIsRefusedWithoutBreakingTheConnectionUnannounced() throws Exception {
        // Answered before Jersey (no UnreadBodyDrain there; Jetty finishes the body of a sendError itself):
        // it must say Connection: close, or keep the connection usable.
        byte[] body = body(BODY);
        try (KeepAliveConnection connection = new KeepAliveConnection(APP.getLocalPort(), 10_000)) {
            for (int round = 0; round < ROUNDS; round++) {
                connection.write(KeepAliveConnection.head("PATCH", "/api/posts/1?access_token=iw_x", BODY, JSON),
                        Arrays.copyOf(body, BODY / 2));
                awaitAnswerBriefly(connection);
                try {
                    connection.write(Arrays.copyOfRange(body, BODY / 2, BODY), NEXT);
                } catch (IOException closedAsAnnounced) {
                    // the server may close once it said so; the answer below must say it
                }
                Answer refused = connection.read();
                assertThat(refused.status()).isEqualTo(400);
                if (refused.closes()) {
                    return;
                }
                assertThat(connection.read().status()).as("the next request, round %d", round).isEqualTo(200);
            }
        }
    }

    @Test
    void aBodyTooLargeToReadIsAnsweredWithConnectionClose() throws Exception {
        try (KeepAliveConnection connection = new KeepAliveConnection(APP.getLocalPort(), 10_000)) {
            connection.write(KeepAliveConnection.head("POST", "/api/users", 17L * 1024 * 1024, JSON), body(BODY));
            Answer refused = connection.read();
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.closes()).as("413 says Connection: close: %s", refused.headers()).isTrue();
        }
    }

    @Test
    void wholeRequestsWithAPipelinedNextOneAreAllAnswered() throws Exception {
        byte[] patch = KeepAliveConnection.head("PATCH", "/api/posts/1", 4096, JSON, BAD_TOKEN);
        try (KeepAliveConnection connection = new KeepAliveConnection(APP.getLocalPort(), 10_000)) {
            for (int i = 0; i < 200; i++) {
                connection.write(patch, body(4096), NEXT);
                assertThat(connection.read().status()).isEqualTo(401);
                assertThat(connection.read().status()).as("the next request after %d rounds", i).isEqualTo(200);
            }
        }
    }

    /**
     * Sends {@code head} with its body in two parts, the next request pipelined behind the second,
     * {@link #ROUNDS} times; every early answer has {@code status} and every next request is answered.
     */
    private static void assertNextRequestsAnswered(byte[] head, int status) throws Exception {
        assertNextRequestsAnswered(head, body(BODY), status);
    }

    private static void assertNextRequestsAnswered(byte[] head, byte[] body, int status) throws Exception {
        int half = body.length / 2;
        List<String> broken = new ArrayList<>();
        KeepAliveConnection connection = new KeepAliveConnection(APP.getLocalPort(), 10_000);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                try {
                    connection.write(head, Arrays.copyOf(body, half));
                    awaitAnswerBriefly(connection);
                    connection.write(Arrays.copyOfRange(body, half, body.length), NEXT);
                    Answer early = connection.read();
                    assertThat(early.status()).as(early.body()).isEqualTo(status);
                    if (early.closes()) {
                        broken.add("round " + round + ": Connection: close after a body the server could have read");
                    } else {
                        assertThat(connection.read().status()).isEqualTo(200);
                    }
                } catch (IOException e) {
                    broken.add("round " + round + ": " + e);
                    connection.close();
                    connection = new KeepAliveConnection(APP.getLocalPort(), 10_000);
                }
            }
        } finally {
            connection.close();
        }
        assertThat(broken).as("next requests that failed").isEmpty();
    }

    /** Waits until the early answer begins to arrive, or 200 ms (a server that reads the body first never answers before). */
    private static void awaitAnswerBriefly(KeepAliveConnection connection) throws Exception {
        Poll.within(Duration.ofMillis(200), Duration.ofMillis(5), connection::answering);
    }

    /** {@code body} as one chunk of a chunked transfer coding, with the last chunk. */
    private static byte[] chunked(byte[] body) {
        byte[] size = (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] end = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(size, size.length + body.length + end.length);
        System.arraycopy(body, 0, all, size.length, body.length);
        System.arraycopy(end, 0, all, size.length + body.length, end.length);
        return all;
    }

    private static byte[] body(int length) {
        byte[] body = new byte[length];
        Arrays.fill(body, (byte) 'x');
        body[0] = '"';
        body[length - 1] = '"';
        return body;
    }
}
