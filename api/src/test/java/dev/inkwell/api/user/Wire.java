package dev.inkwell.api.user;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ProblemAssert;
import io.dropwizard.jackson.Jackson;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Jdbi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the user, profile and token end-to-end tests share: reading answers while checking that
 * no secret leaks, problem+json checks, and a fingerprint of the user tables to prove that a
 * refused request changed nothing.
 */
final class Wire {
    static final ObjectMapper JSON = Jackson.newObjectMapper();

    /** Never in any answer: the hash column's name, a hash itself. */
    private static final List<String> NEVER = List.of("password_hash", "$argon2", "argon2id");

    private Wire() {
    }

    /** The body of {@code r} as text; fails if it contains a hash or any of {@code secrets}. */
    static String text(Response r, String... secrets) {
        r.bufferEntity();
        String body = r.readEntity(String.class);
        assertNoSecrets(body, secrets);
        return body;
    }

    static void assertNoSecrets(String body, String... secrets) {
        for (String never : NEVER) {
            assertThat(body).as("answer must not contain %s", never).doesNotContain(never);
        }
        for (String secret : secrets) {
            assertThat(body).as("answer must not contain the password").doesNotContain(secret);
        }
    }

    /** Asserts the status, closes {@code r} and returns its JSON object (checked for secrets). */
    static Map<String, Object> object(Response r, int status, String... secrets) {
        try (r) {
            String body = text(r, secrets);
            assertThat(r.getStatus()).as("status of %s", body).isEqualTo(status);
            assertThat(r.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)).as("media type %s", r.getMediaType()).isTrue();
            return JSON.readValue(body, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new AssertionError("not a JSON object", e);
        }
    }

    /** Asserts a problem+json of {@code status} (checked for secrets) and returns it. */
    static Map<String, Object> problem(Response r, int status, String... secrets) {
        text(r, secrets);
        return ProblemAssert.assertProblem(r, status);
    }

    /** Asserts a problem of {@code status} naming exactly {@code fields}. */
    static Map<String, Object> problemNaming(Response r, int status, String... fields) {
        Map<String, Object> problem = problem(r, status);
        ProblemAssert.assertFields(problem, fields);
        return problem;
    }

    /** Asserts an answer without body (204) and closes it. */
    static void noContent(Response r) {
        try (r) {
            assertThat(r.getStatus()).as("status of %s", r.hasEntity() ? r.readEntity(String.class) : "").isEqualTo(204);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    static long id(Map<String, Object> user) {
        return ((Number) user.get("id")).longValue();
    }

    static Response patch(Invocation.Builder request, Object body) {
        return request.method("PATCH", body instanceof String s ? Entity.json(s) : Entity.json(body));
    }

    /** A new user's sign-up body. */
    static Map<String, Object> signUpBody(String username, String password) {
        return Map.of("username", username, "email", username + "@example.com", "password", password);
    }

    /** {@code value} as one percent-encoded path segment (every reserved character encoded). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A request to an already encoded path, sent exactly as given (no client-side re-encoding). */
    static Invocation.Builder raw(ApiApp api, String encodedPathAndQuery, String token) {
        Invocation.Builder request = api.client().target(URI.create(api.url(encodedPathAndQuery)))
                .request(MediaType.APPLICATION_JSON_TYPE);
        return token == null ? request : request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    /** An answer read by {@link #isolated}. */
    record Raw(int status, String contentType, String body) {
    }

    /**
     * Sends one request on a connection of its own (a new JDK client) and reads the whole answer.
     * For requests after which the server may drop the connection (bodies past the size limit,
     * URIs Jetty refuses): a shared, pooled client would then fail on its next request.
     * {@code body} null sends none; {@code chunked} sends it without Content-Length.
     */
    static Raw isolated(ApiApp api, String method, String encodedPathAndQuery, String token, String body, boolean chunked) {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher publisher = bytes == null ? HttpRequest.BodyPublishers.noBody()
                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url(encodedPathAndQuery)))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .method(method, publisher);
        if (bytes != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .get(90, TimeUnit.SECONDS);
            return new Raw(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(method + " " + encodedPathAndQuery + " got no answer", e);
        }
    }

    static Raw isolated(ApiApp api, String method, String encodedPathAndQuery, String token, String body) {
        return isolated(api, method, encodedPathAndQuery, token, body, false);
    }

    /** The checks of {@link ProblemAssert#assertProblem} for an {@link #isolated} answer. */
    static Map<String, Object> problem(Raw r, int status) {
        assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
        assertThat(r.contentType()).as("content type of %s", r.body()).startsWith("application/problem+json");
        assertNoSecrets(r.body());
        assertThat(r.body()).doesNotContainIgnoringCase("exception").doesNotContain("SQL");
        try {
            Map<String, Object> problem = JSON.readValue(r.body(), new TypeReference<Map<String, Object>>() { });
            assertThat(problem).containsKeys("type", "title", "status", "detail");
            assertThat(problem.get("status")).isEqualTo(status);
            return problem;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static Map<String, Object> object(Raw r, int status, String... secrets) {
        assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
        assertNoSecrets(r.body(), secrets);
        try {
            return JSON.readValue(r.body(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A fingerprint of everything a user request could change: users (hashes included),
     * profiles, and which tokens exist. Equal before and after = nothing changed.
     */
    static String snapshot(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT md5(coalesce((SELECT string_agg(u::text, '|' ORDER BY u.id) FROM users u), '')
                        || '#' || coalesce((SELECT string_agg(p::text, '|' ORDER BY p.user_id) FROM profiles p), '')
                        || '#' || coalesce((SELECT string_agg(t.id || ':' || t.user_id || ':' || t.expires_at, '|' ORDER BY t.id)
                                              FROM api_tokens t), '')
                        || '#' || (SELECT count(*) FROM posts))
                """).mapTo(String.class).one());
    }

    static long usersNamed(Jdbi jdbi, String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE lower(username) = lower(:u)")
                .bind("u", username).mapTo(Long.class).one());
    }

    static long userCount(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM users").mapTo(Long.class).one());
    }

    /** One column of one user row, read straight from the database. */
    static <T> T column(Jdbi jdbi, long userId, String column, Class<T> type) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + column + " FROM users WHERE id = :id")
                .bind("id", userId).mapTo(type).one());
    }
}
