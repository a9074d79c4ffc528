package dev.inkwell.api.user;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ProblemAssert;
import dev.inkwell.persistence.testing.TestHttp;
import io.dropwizard.jackson.Jackson;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    /** Asserts a 401 problem carrying the Bearer challenge. */
    static void assertUnauthorized(Response r, String... secrets) {
        String challenge = r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
        problem(r, 401, secrets);
        assertThat(challenge).as("WWW-Authenticate").isNotNull().startsWith("Bearer");
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
     * Sends one request on a connection of its own and reads the whole answer, past the OpenAPI
     * check of the app's client. For requests after which the server may drop the connection
     * (bodies past the size limit, URIs Jetty refuses). {@code body} null sends none; {@code
     * chunked} sends it without Content-Length.
     */
    static Raw isolated(ApiApp api, String method, String encodedPathAndQuery, String token, String body, boolean chunked) {
        TestHttp request = chunked ? TestHttp.chunked(method, api.url(encodedPathAndQuery), body)
                : TestHttp.request(method, api.url(encodedPathAndQuery), body);
        TestHttp.Answer r = request.ownConnection().timeout(Duration.ofSeconds(60)).header("Accept", "application/json")
                .bearer(token).send();
        String contentType = r.header("Content-Type");
        return new Raw(r.status(), contentType == null ? "" : contentType, r.text());
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
     * profiles, which tokens exist, and which invitations exist and whether they were used. Equal before and after = nothing changed.
     */
    static String snapshot(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT md5(coalesce((SELECT string_agg(u::text, '|' ORDER BY u.id) FROM users u), '')
                        || '#' || coalesce((SELECT string_agg(p::text, '|' ORDER BY p.user_id) FROM profiles p), '')
                        || '#' || coalesce((SELECT string_agg(t.id || ':' || t.user_id || ':' || t.expires_at, '|' ORDER BY t.id)
                                              FROM api_tokens t), '')
                        || '#' || coalesce((SELECT string_agg(i.id || ':' || i.user_id || ':' || coalesce(i.used_at::text, '-'), '|'
                                                              ORDER BY i.id) FROM invitations i), '')
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
