package dev.inkwell.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inkwell.persistence.testing.Race;
import io.dropwizard.jackson.Jackson;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Requests for the content tests (categories, tags, posts) on {@link ApiApp#client()}, so every
 * answer is also checked against the OpenAPI document: any method (PATCH too), bodies as raw text
 * (a test can send broken JSON), paths exactly as given (already encoded), answers uncompressed
 * unless a test asks otherwise, and every answer buffered (it can be read more than once).
 */
public final class JsonHttp {
    public static final ObjectMapper JSON = Jackson.newObjectMapper();

    private final ApiApp api;

    public JsonHttp(ApiApp api) {
        this.api = api;
    }

    public Call get(String path) {
        return new Call("GET", path, null);
    }

    /** {@code body}: a String is sent as is; anything else as its JSON. */
    public Call post(String path, Object body) {
        return new Call("POST", path, body);
    }

    public Call patch(String path, Object body) {
        return new Call("PATCH", path, body);
    }

    public Call delete(String path) {
        return new Call("DELETE", path, null);
    }

    /** One request being put together. */
    public final class Call {
        private final String method;
        private final String path;
        private final Object body;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Call(String method, String path, Object body) {
            this.method = method;
            this.path = path;
            this.body = body;
            // The server gzips larger answers (and then marks their ETag "n--gzip"); tests see them plain unless they ask.
            headers.put(HttpHeaders.ACCEPT_ENCODING, "identity");
            // Jetty closes a connection after some bad requests (414, ambiguous URIs) without saying so;
            // a pooled connection reused after that fails, so every request gets its own.
            headers.put("Connection", "close");
        }

        public Call as(ApiApp.Session session) {
            return token(session.token());
        }

        public Call token(String token) {
            return header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Sends the request and returns the buffered answer. */
        public Response send() {
            Invocation.Builder request = api.client().target(URI.create(api.url(path))).request(MediaType.APPLICATION_JSON_TYPE);
            headers.forEach(request::header);
            Response response = body == null ? request.method(method)
                    : request.method(method, Entity.entity(text(body), MediaType.APPLICATION_JSON_TYPE));
            response.bufferEntity();
            return response;
        }

        /** Sends the request, asserts the status and returns the JSON answer. */
        public JsonNode expect(int status) {
            try (Response response = send()) {
                String text = response.readEntity(String.class);
                if (response.getStatus() != status) {
                    throw new AssertionError(method + " " + path + ": expected " + status + " but was "
                            + response.getStatus() + ": " + text);
                }
                return text.isEmpty() ? null : parse(text);
            }
        }
    }

    /** The JSON body of a (buffered) answer. */
    public static JsonNode json(Response response) {
        return parse(response.readEntity(String.class));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static String text(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object from name/value pairs, in order; unlike Map.of it takes null values. */
    public static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** Percent-encodes a query value or path segment (spaces as %20, so '+' stays literal). */
    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Runs the tasks on their own threads, released together by a latch once all are ready, and
     * returns their results in order (bounded waits, no sleeping).
     */
    public static <T> List<T> together(List<Callable<T>> tasks) throws Exception {
        return Race.together(tasks);
    }
}
