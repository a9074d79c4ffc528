package dev.inkwell.api.http;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.persistence.dropwizard.LogFormat;
import dev.inkwell.persistence.dropwizard.LogLayoutFactory;
import dev.inkwell.persistence.testing.TestHttp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LOG_FORMAT=json: the request log's lines are JSON objects with the request id and the signed-in
 * user's id, and neither the query string nor the token; the application's lines, through the JSON
 * layout, carry the request's id and user id as fields of their own.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class JsonLogsIT {
    static final ApiApp API = new ApiApp(ConfigOverride.config("server.requestLog.format", "json"));
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    private static final ObjectMapper JSON = new ObjectMapper();

    static ApiApp.Session reader;

    @BeforeAll
    static void signIn() {
        reader = API.signUp("logged");
    }

    private static TestHttp asReader(TestHttp request, String requestId) {
        return request.header("Authorization", "Bearer " + reader.token()).header("X-Request-Id", requestId);
    }

    @Test
    void aRequestLogLineIsJsonWithTheRequestAndUserIdsAndNoQueryNorToken() throws Exception {
        String id = "json-line-" + ApiApp.unique("r");
        List<ILoggingEvent> lines = LogLines.during("http.request", () -> {
            asReader(TestHttp.get(API.url("/api/posts?q=hushword&per_page=5")), id).send();
            return id;
        });
        ILoggingEvent line = lines.stream().filter(e -> e.getFormattedMessage().contains(id)).findFirst().orElseThrow();
        String text = line.getFormattedMessage();
        JsonNode fields = JSON.readTree(text);
        assertThat(fields.get("request_id").asText()).isEqualTo(id);
        assertThat(fields.get("user_id").asLong()).isEqualTo(reader.id());
        assertThat(fields.get("method").asText()).isEqualTo("GET");
        assertThat(fields.get("path").asText()).isEqualTo("/api/posts");
        assertThat(fields.get("status").asInt()).isEqualTo(200);
        assertThat(fields.has("time") && fields.has("client") && fields.has("ms") && fields.has("bytes")).isTrue();
        assertThat(text).doesNotContain("hushword").doesNotContain(reader.token());
    }

    @Test
    void aUserAgentWithQuotesAndBackslashesStaysOneJsonValue() throws Exception {
        String id = "agent-" + ApiApp.unique("r");
        String agent = "evil\" \\\"agent\\";
        List<ILoggingEvent> lines = LogLines.during("http.request", () -> {
            TestHttp.get(API.url("/api/openapi.json")).header("X-Request-Id", id).header("User-Agent", agent).send();
            return id;
        });
        JsonNode fields = JSON.readTree(lines.stream().filter(e -> e.getFormattedMessage().contains(id)).findFirst().orElseThrow()
                .getFormattedMessage());
        assertThat(fields.get("user_agent").asText()).isEqualTo(agent);
        assertThat(fields.has("user_id")).as("no one signed in").isFalse();
    }

    @Test
    void anApplicationLineOfASignedInRequestCarriesBothIdsAsJsonFields() throws Exception {
        String id = "app-json-" + ApiApp.unique("r");
        byte[] notGzip = "{}".getBytes(StandardCharsets.UTF_8);
        List<ILoggingEvent> lines = LogLines.during("dev.inkwell", () -> {
            TestHttp.Answer answer = asReader(TestHttp.request("POST", API.url("/api/posts"), notGzip), id)
                    .header("Content-Type", "application/json").header("Content-Encoding", "gzip").send();
            assertThat(answer.status()).isEqualTo(400);
            return id;
        });
        ILoggingEvent line = lines.stream().filter(e -> id.equals(e.getMDCPropertyMap().get("request_id"))).findFirst().orElseThrow();

        LogLayoutFactory factory = new LogLayoutFactory();
        factory.setFormat(LogFormat.JSON);
        LayoutBase<ILoggingEvent> layout = factory.build((LoggerContext) LoggerFactory.getILoggerFactory(), TimeZone.getTimeZone("UTC"));
        layout.start();
        JsonNode fields = JSON.readTree(layout.doLayout(line));
        assertThat(fields.get("request_id").asText()).isEqualTo(id);
        assertThat(fields.get("user_id").asText()).isEqualTo(Long.toString(reader.id()));
        assertThat(fields.get("level").asText()).isEqualTo(line.getLevel().toString());
        assertThat(fields.get("message").asText()).isEqualTo(line.getFormattedMessage());
        assertThat(java.time.OffsetDateTime.parse(fields.get("time").asText()).toInstant().toEpochMilli()).isEqualTo(line.getTimeStamp());
    }
}
