package dev.inkwell.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.TransportFuzzFixture.Mutation;
import dev.inkwell.api.TransportFuzzFixture.Operation;
import dev.inkwell.persistence.testing.RawHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbage below JSON, sent to every operation of the OpenAPI document: a body that says it is
 * gzip and is not, an encoding the server does not read, a broken chunked body, a body cut short
 * by a client that goes away, duplicate keys, lone surrogates and control characters, NUL in
 * every query parameter. Each is the client's fault: a 4xx problem (or, for a client that went
 * away, no answer), never a 5xx, and never an ERROR line in the server log.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TransportFuzzIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    private static ApiApp.Session admin;

    @BeforeAll
    static void signInAndListen() {
        admin = API.admin();
        LOG.start();
        root().addAppender(LOG);
    }

    @AfterAll
    static void stopListening() {
        root().detachAppender(LOG);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @BeforeEach
    void forgetEarlierLines() {
        LOG.list.clear();
    }

    @AfterEach
    void noErrorWasLogged() {
        assertThat(LOG.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName())))
                .as("ERROR lines in the server log").isEmpty();
    }

    /** Every operation of the OpenAPI document, served by this class's app. */
    static List<Operation> operations() {
        JsonNode document = API.contract().spec();
        List<Operation> all = new ArrayList<>();
        JsonNode paths = document.get("paths");
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String template = it.next();
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                if (paths.get(template).has(method)) {
                    all.add(new Operation(method, template, paths.get(template).get(method), document, APP.getLocalPort()));
                }
            }
        }
        return all;
    }

    static Stream<Arguments> everyOperationWithEveryMutation() {
        List<Arguments> all = new ArrayList<>();
        for (Operation op : operations()) {
            for (Mutation m : Mutation.values()) {
                all.add(Arguments.of(op, m));
            }
        }
        return all.stream();
    }

    /** Signing out ends the token it is sent with: that operation gets a token of its own. */
    private static String tokenFor(Operation op) {
        return op.toString().equals("DELETE /api/tokens/current") ? API.signIn(admin.username(), admin.password()) : admin.token();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyOperationWithEveryMutation")
    void garbageOnTheWireIsAClientErrorNeverA5xx(Operation op, Mutation mutation) {
        RawHttp.Answer answer = mutation.send(op, tokenFor(op));
        if (mutation == Mutation.CUT_SHORT && answer.status() == 0) {
            return; // the client went away first: there is nobody to answer
        }
        assertThat(answer.status()).as("%s %s: %s", op, mutation, answer.text()).isBetween(200, 499);
        if (answer.status() >= 400) {
            assertThat(answer.mediaType()).as("%s %s", op, mutation).startsWith("application/problem+json");
        }
        if (op.hasBody()) {
            if (mutation.bodyStatus > 0) {
                assertThat(answer.status()).as("%s %s: %s", op, mutation, answer.text()).isEqualTo(mutation.bodyStatus);
            } else {
                assertThat(answer.status()).as("%s %s: %s", op, mutation, answer.text()).isBetween(400, 499);
            }
            API.contract().check(op.method(), op.path(), answer.status(), answer.mediaType(), answer.body());
        }
    }

    static Stream<Arguments> everyQueryParameter() {
        List<Arguments> all = new ArrayList<>();
        for (Operation op : operations()) {
            for (String parameter : op.queryParameters()) {
                all.add(Arguments.of(op, parameter));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} ?{1}=%00")
    @MethodSource("everyQueryParameter")
    void aNulInAQueryParameterIsAProblemNamingIt(Operation op, String parameter) {
        RawHttp.Answer answer = new RawHttp(APP.getLocalPort()).send(op.method().toUpperCase(Locale.ROOT) + " " + op.path()
                + "?" + parameter + "=a%00b HTTP/1.1\r\nAuthorization: Bearer " + tokenFor(op), new byte[0], false);
        assertThat(answer.status()).as("%s ?%s: %s", op, parameter, answer.text()).isBetween(400, 499);
        assertThat(answer.mediaType()).startsWith("application/problem+json");
        assertThat(answer.text()).contains("\"field\":\"" + parameter + "\"");
        API.contract().check(op.method(), op.path(), answer.status(), answer.mediaType(), answer.body());
    }

    @ParameterizedTest(name = "q={0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"%ED%A0%80", "%ED%B0%80b", "%FF", "a%C3", "%C0%80", "a%zz"})
    void bytesThatAreNoUtf8InAUserSearchAreAClientErrorOrFindNothing(String q) {
        for (String token : new String[] {null, admin.token()}) {
            RawHttp.Answer answer = new RawHttp(APP.getLocalPort()).send("GET /api/users?q=" + q + " HTTP/1.1"
                    + (token == null ? "" : "\r\nAuthorization: Bearer " + token), new byte[0], false);
            assertThat(answer.status()).as("?q=%s: %s", q, answer.text()).isIn(200, 400, 422);
            if (answer.status() == 200) {
                assertThat(answer.text()).startsWith("{\"items\":[]");
            } else {
                assertThat(answer.mediaType()).startsWith("application/problem+json");
            }
            API.contract().check("get", "/api/users", answer.status(), answer.mediaType(), answer.body());
        }
    }

    @Test
    void aBodyThatIsReallyGzipIsRead() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(("{\"name\": \"" + ApiApp.unique("zipped") + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        RawHttp.Answer answer = new RawHttp(APP.getLocalPort()).send("POST /api/tags HTTP/1.1\r\nAuthorization: Bearer " + admin.token()
                + "\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: " + zipped.size(), zipped.toByteArray(), false);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    }

    @Test
    void anUnknownEncodingNamesTheEncodingsRead() {
        RawHttp.Answer answer = Mutation.UNKNOWN_ENCODING.send(operations().stream()
                .filter(op -> op.toString().equals("POST /api/tags")).findFirst().orElseThrow(), admin.token());
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.text()).contains("gzip").contains("identity");
    }
}
