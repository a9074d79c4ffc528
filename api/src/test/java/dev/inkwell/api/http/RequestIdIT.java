package dev.inkwell.api.http;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.InkwellApiApplication;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.api.StatementLog;
import dev.inkwell.persistence.testing.RawHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer carries an X-Request-Id (the client's when well-formed), the same id is the
 * problem body's request_id, and the request log and the application's log lines of the request
 * carry it: whichever part of the server answered (Jersey, a filter before it, Jetty itself).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RequestIdIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);
    private static final String WELL_FORMED = "[A-Za-z0-9._:-]{1,64}";

    private static RawHttp raw() {
        return new RawHttp(APP.getLocalPort());
    }

    @Test
    void aWellFormedClientIdIsEchoedInTheHeaderAndTheProblemBody() {
        String id = "edge-7f3a.client_1:42";
        Response response = HTTP.get("/api/posts/999999999").header("X-Request-Id", id).send();
        assertThat(response.getHeaderString("X-Request-Id")).isEqualTo(id);
        assertThat(assertProblem(response, 404).get("request_id")).isEqualTo(id);
    }

    @Test
    void aLongestWellFormedIdIsKept() {
        String id = "a".repeat(64);
        assertThat(HTTP.get("/api/openapi.json").header("X-Request-Id", id).send().getHeaderString("X-Request-Id")).isEqualTo(id);
    }

    @Test
    void aMalformedClientIdIsReplacedNeverEchoed() {
        for (String offered : List.of("a".repeat(65), "two words", "semi;colon", "quote\"d", "<script>")) {
            Response response = HTTP.get("/api/no-such-thing").header("X-Request-Id", offered).send();
            String id = response.getHeaderString("X-Request-Id");
            assertThat(id).as("id for %s", offered).matches(WELL_FORMED).isNotEqualTo(offered);
            assertThat(assertProblem(response, 404).get("request_id")).isEqualTo(id);
        }
    }

    @Test
    void anIdWithALineBreakOrNonAsciiIsReplacedNeverEchoed() {
        Map<String, byte[]> offers = Map.of(
                "non-ASCII", "X-Request-Id: caf\u00e9-\u4e2d".getBytes(StandardCharsets.UTF_8),
                "bare CR", "X-Request-Id: abc\rX-Injected: 1".getBytes(StandardCharsets.ISO_8859_1),
                "folded line", "X-Request-Id: abc\r\n X-Injected: 1".getBytes(StandardCharsets.ISO_8859_1));
        offers.forEach((what, header) -> {
            RawHttp.Answer answer = raw().json("GET", "/api/posts/999999999", null, new String(header, StandardCharsets.ISO_8859_1));
            assertThat(answer.status()).as(what).isIn(400, 404);
            String id = answer.header("X-Request-Id");
            // Replaced by a generated id (32 hex digits), not a cleaned-up copy of the offer. (Not
            // "contains no abc": a random hex id does, one time in about 140.)
            assertThat(id).as(what).matches("[0-9a-f]{32}");
            assertThat(answer.head()).as(what).doesNotContainIgnoringCase("X-Injected");
            assertThat(parse(answer).get("request_id")).as(what).isEqualTo(id);
        });
    }

    @Test
    void aCachedPostReadAnsweredBeforeJerseyHasAGeneratedId() {
        ApiApp.Session author = API.signUp("reqid");
        long id = HTTP.post("/api/posts", fields("title", ApiApp.unique("t"), "content", "words", "published", true))
                .as(author).expect(201).get("id").asLong();
        HTTP.get("/api/posts/" + id).send().close(); // fills the cache
        StatementLog sql = new StatementLog(APP.<InkwellApiApplication>getApplication().jdbi());
        try (Response first = HTTP.get("/api/posts/" + id).send(); Response second = HTTP.get("/api/posts/" + id).send()) {
            assertThat(sql.statements()).as("both answered from the cache").isEmpty();
            assertThat(second.getStatus()).isEqualTo(200);
            assertThat(first.getHeaderString("X-Request-Id")).matches(WELL_FORMED);
            assertThat(second.getHeaderString("X-Request-Id")).matches(WELL_FORMED).isNotEqualTo(first.getHeaderString("X-Request-Id"));
        } finally {
            sql.stop();
        }
        String mine = "cached-read-1";
        assertThat(HTTP.get("/api/posts/" + id).header("X-Request-Id", mine).send().getHeaderString("X-Request-Id")).isEqualTo(mine);
    }

    @Test
    void aNotFoundHasAGeneratedIdInHeaderAndBody() {
        Response response = HTTP.get("/api/no-such-thing").send();
        String id = response.getHeaderString("X-Request-Id");
        assertThat(id).matches(WELL_FORMED);
        assertThat(assertProblem(response, 404).get("request_id")).isEqualTo(id);
    }

    @Test
    void aRequestJettyRefusesBeforeAnyHandlerHasAnIdInHeaderAndBody() {
        for (String head : List.of("GET /api/posts HTTP/1.1\r\nBad Header: 1", "GET /api/posts\u0001 HTTP/1.1")) {
            RawHttp.Answer answer = raw().send(head, new byte[0], false);
            assertThat(answer.status()).as(head).isEqualTo(400);
            assertThat(answer.mediaType()).startsWith("application/problem+json");
            String id = answer.header("X-Request-Id");
            assertThat(id).as(head).matches(WELL_FORMED);
            assertThat(parse(answer).get("request_id")).as(head).isEqualTo(id);
        }
    }

    @Test
    void theRequestLogLineEndsWithTheId() throws Exception {
        String id = "log-line-" + ApiApp.unique("r");
        List<ILoggingEvent> lines = LogLines.during("http.request", () -> {
            HTTP.get("/api/openapi.json").header("X-Request-Id", id).send().close();
            return id;
        });
        assertThat(lines).anySatisfy(line -> assertThat(line.getFormattedMessage()).contains("\"GET /api/openapi.json HTTP/1.1\" 200").endsWith(" " + id));
    }

    @Test
    void anApplicationLogLineOfTheRequestCarriesTheId() throws Exception {
        String id = "app-line-" + ApiApp.unique("r");
        byte[] notGzip = "{}".getBytes(StandardCharsets.UTF_8);
        List<ILoggingEvent> lines = LogLines.during("dev.inkwell", () -> {
            RawHttp.Answer answer = raw().send("POST /api/users HTTP/1.1\r\nContent-Type: application/json\r\nContent-Encoding: gzip"
                    + "\r\nX-Request-Id: " + id + "\r\nContent-Length: " + notGzip.length, notGzip, false);
            assertThat(answer.status()).isEqualTo(400);
            return id;
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.getFormattedMessage()).contains("unreadable request body");
            assertThat(line.getMDCPropertyMap()).containsEntry("request_id", id);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(RawHttp.Answer answer) {
        try {
            return JsonHttp.JSON.readValue(answer.body(), Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + answer.text(), e);
        }
    }
}
