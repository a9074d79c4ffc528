package dev.inkwell.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.persistence.testing.FlakyProxy;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.persistence.testing.TestRedis;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write whose database connection breaks in the middle of its transaction answers 503 with
 * Retry-After, like any other database outage, and leaves nothing half-written. The app reaches
 * PostgreSQL through a proxy; the test holds a lock the write needs (from a connection of its
 * own, past the proxy), waits until the write is blocked on it inside its transaction, and then
 * cuts every connection of the proxy.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InFlightOutageIT {
    static final FlakyProxy POSTGRES = FlakyProxy.inFrontOf(TestPostgres.get().server());
    static final ApiApp API = new ApiApp(TestRedis.get(), POSTGRES);
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);
    private static final AtomicLong UNSEEN = new AtomicLong(1_000_000_000_000L);

    @AfterAll
    static void close() {
        POSTGRES.close();
    }

    @AfterEach
    void reconnect() throws Exception {
        POSTGRES.pass();
        // Readiness follows a scheduled check, which may not have seen the cut yet: wait also until
        // requests that reach the database work again, many in a row, so that the next test
        // borrows none of the connections the cut broke.
        Poll.until(Duration.ofSeconds(15), "ready again", () -> status("/health-check?type=ready") == 200);
        Poll.until(Duration.ofSeconds(15), "the database answers every request again", () -> {
            for (int i = 0; i < 40; i++) {
                // A post never written, a new id each time: no cache answers it, PostgreSQL does (404).
                if (status("/api/posts/" + UNSEEN.incrementAndGet()) != 404) {
                    return false;
                }
            }
            return true;
        });
    }

    private static int status(String path) {
        try (Response r = API.request(path).get()) {
            return r.getStatus();
        }
    }

    @Test
    void aPostPatchWhoseConnectionBreaksMidTransactionIs503AndWritesNothing() throws Exception {
        ApiApp.Session author = API.signUp("inflight");
        JsonNode post = HTTP.post("/api/posts", fields("title", "before", "content", "c", "published", true,
                "tags", List.of("kept"))).as(author).expect(201);
        long id = post.get("id").asLong();
        String newTag = ApiApp.unique("blocked");

        // The PATCH locks the post, then waits for the tag this uncommitted insert holds.
        Response answer = whileBlocked("INSERT INTO tags (name) VALUES ('" + newTag + "')",
                () -> HTTP.patch("/api/posts/" + id, fields("title", "after", "tags", List.of(newTag))).as(author).send());

        assertUnavailable(answer);
        POSTGRES.pass();
        String row = API.jdbi().withHandle(h -> h.createQuery("SELECT title || ' ' || version FROM posts WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(row).isEqualTo("before 1");
        List<String> tags = API.jdbi().withHandle(h -> h.createQuery(
                "SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = :id")
                .bind("id", id).mapTo(String.class).list());
        assertThat(tags).containsExactly("kept");
    }

    @Test
    void aPasswordChangeWhoseConnectionBreaksMidTransactionIs503AndKeepsTheOldPasswordAndSessions() throws Exception {
        ApiApp.Session user = API.signUp("inflightpw");
        API.signIn(user.username(), user.password());
        String hash = passwordHash(user.id());

        // The PATCH changes the password, then waits to delete the tokens this transaction holds.
        Response answer = whileBlocked("DELETE FROM api_tokens WHERE user_id = " + user.id(),
                () -> HTTP.patch("/api/users/" + user.id(), fields("password", "a brand new password",
                        "current_password", user.password())).as(user).send());

        assertUnavailable(answer);
        POSTGRES.pass();
        assertThat(passwordHash(user.id())).isEqualTo(hash);
        long tokens = API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM api_tokens WHERE user_id = :id")
                .bind("id", user.id()).mapTo(Long.class).one());
        assertThat(tokens).as("both sessions").isEqualTo(2);
    }

    private static String passwordHash(long userId) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE id = :id")
                .bind("id", userId).mapTo(String.class).one());
    }

    private static void assertUnavailable(Response answer) {
        try (answer) {
            assertThat(answer.getHeaderString(HttpHeaders.RETRY_AFTER)).isNotBlank();
            Map<String, Object> problem = assertProblem(answer, 503);
            assertThat(problem.get("type")).isEqualTo("/problems/unavailable");
        }
    }

    /**
     * Runs {@code lock} in a transaction of the test's own (past the proxy), sends {@code request},
     * waits until the app's transaction is blocked on that lock, cuts the proxy, lets the lock go
     * and returns the answer.
     */
    private static Response whileBlocked(String lock, Supplier<Response> request) throws Exception {
        try (Handle holder = API.jdbi().open()) {
            holder.begin();
            holder.execute(lock);
            CompletableFuture<Response> answer = CompletableFuture.supplyAsync(request);
            Poll.until(Duration.ofSeconds(15), "the write blocks on the test's lock", () -> {
                assertThat(answer).as("the write answered before it was blocked").isNotDone();
                return blockedBackends() > 0;
            });
            POSTGRES.cut();
            holder.rollback();
            return answer.get(30, TimeUnit.SECONDS);
        }
    }

    private static long blockedBackends() {
        return API.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                """).mapTo(Long.class).one());
    }
}
