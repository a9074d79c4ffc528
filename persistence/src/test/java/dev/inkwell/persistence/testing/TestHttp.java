package dev.inkwell.persistence.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP client of tests that talk to a server by its address: a jar started as a process,
 * an admin port, a worker's dashboard, or a request no pooled client should share a connection
 * with. JSON in and out, every wait bounded, nothing retried or redirected, nothing decompressed:
 * a test sees exactly what the server answered. (The api's own tests use {@code ApiApp}'s client,
 * which also checks each answer against the OpenAPI document.)
 * <pre>
 * JsonNode job = TestHttp.get(url).bearer(token).expect(200);
 * int status = TestHttp.post(url, Map.of("username", "ada")).send().status();
 * </pre>
 */
public final class TestHttp {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String method;
    private final URI uri;
    private final byte[] body;
    private final boolean chunked;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private Duration timeout = Duration.ofSeconds(30);
    private boolean ownConnection;

    private TestHttp(String method, String uri, byte[] body, boolean chunked) {
        this.method = method;
        this.uri = URI.create(uri);
        this.body = body;
        this.chunked = chunked;
        if (body != null) {
            header("Content-Type", "application/json");
        }
    }

    public static TestHttp get(String uri) {
        return new TestHttp("GET", uri, null, false);
    }

    /** {@code body}: a String or byte[] is sent as is, anything else as its JSON; null sends none. */
    public static TestHttp post(String uri, Object body) {
        return request("POST", uri, body);
    }

    public static TestHttp request(String method, String uri, Object body) {
        return new TestHttp(method, uri, bytes(body), false);
    }

    /** As {@link #request}, the body sent without Content-Length (chunked). */
    public static TestHttp chunked(String method, String uri, Object body) {
        return new TestHttp(method, uri, bytes(body), true);
    }

    public TestHttp bearer(String token) {
        return token == null ? this : header("Authorization", "Bearer " + token);
    }

    public TestHttp basic(String user, String password) {
        return header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** Sets header {@code name} to {@code value}, replacing any value it had. */
    public TestHttp header(String name, String value) {
        headers.put(name, new ArrayList<>(List.of(value)));
        return this;
    }

    /**
     * Adds each pair of {@code namesAndValues} (name, value, name, value, ...) after the values
     * its name has: a name given twice is sent on two lines (e.g. two Accept headers).
     */
    public TestHttp addHeaders(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in pairs of name and value");
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.computeIfAbsent(namesAndValues[i], name -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return this;
    }

    public TestHttp timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /**
     * Sends on a connection of its own (a client of its own), for a request after which the
     * server may drop the connection (a body past the size limit, a URI Jetty refuses): a pooled
     * connection would then fail the next request of another test.
     */
    public TestHttp ownConnection() {
        this.ownConnection = true;
        return this;
    }

    /** An answer, read whole; {@code body} as the server sent it. */
    public record Answer(int status, HttpHeaders headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** Sends the request and reads the whole answer; fails when nothing answers in time. */
    public Answer send() {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).method(method, publisher);
        headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        try {
            HttpClient client = ownConnection ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build() : CLIENT;
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(answer.statusCode(), answer.headers(), answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(method + " " + uri + " was interrupted", e);
        }
    }

    /** The status, or -1 when nothing answers (not listening yet, or gone). */
    public int status() {
        try {
            return send().status();
        } catch (UncheckedIOException nothingAnswered) {
            return -1;
        }
    }

    /** Sends the request, asserts the status and returns the JSON answer (null when it has no body). */
    public JsonNode expect(int status) {
        Answer answer = send();
        assertThat(answer.status()).as("%s %s answered %s", method, uri, answer.text()).isEqualTo(status);
        return answer.body().length == 0 ? null : answer.json();
    }

    private static byte[] bytes(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof byte[] b) {
            return b;
        }
        if (body instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
