package dev.inkwell.persistence.dropwizard;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogLayoutFactoryTest {
    private static final LoggerContext CONTEXT = new LoggerContext();

    private static String format(LogFormat format, ILoggingEvent event) {
        LogLayoutFactory factory = new LogLayoutFactory();
        factory.setFormat(format);
        factory.setPattern("%-5p %c [%X{request_id:--}] %m%n");
        LayoutBase<ILoggingEvent> layout = factory.build(CONTEXT, TimeZone.getTimeZone("UTC"));
        layout.start();
        return layout.doLayout(event);
    }

    private static LoggingEvent event(Map<String, String> mdc) {
        Logger logger = CONTEXT.getLogger("dev.inkwell.example");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "a \"quoted\" {} line", null, new Object[] {"json"});
        event.setMDCPropertyMap(mdc);
        return event;
    }

    @Test
    void textLinesFollowThePattern() {
        assertThat(format(LogFormat.TEXT, event(Map.of("request_id", "r-1"))))
                .isEqualTo("WARN  dev.inkwell.example [r-1] a \"quoted\" json line" + System.lineSeparator());
    }

    @Test
    void jsonLinesCarryTheRequestsIdsAndNoOtherContext() throws Exception {
        String line = format(LogFormat.JSON, event(Map.of("request_id", "r-2", "user_id", "42", "password", "hunter2")));
        assertThat(line).endsWith(System.lineSeparator()).doesNotContain("hunter2");
        JsonNode fields = new ObjectMapper().readTree(line);
        assertThat(fields.get("request_id").asText()).isEqualTo("r-2");
        assertThat(fields.get("user_id").asText()).isEqualTo("42");
        assertThat(fields.get("level").asText()).isEqualTo("WARN");
        assertThat(fields.get("logger").asText()).isEqualTo("dev.inkwell.example");
        assertThat(fields.get("message").asText()).isEqualTo("a \"quoted\" json line");
        assertThat(fields.get("time").asText()).endsWith("Z");
    }

    @Test
    void theFormatIsTextOrJsonInAnyCase() {
        assertThat(LogFormat.of(" JSON ")).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.of("text")).isEqualTo(LogFormat.TEXT);
        assertThatThrownBy(() -> LogFormat.of("xml")).hasMessageContaining("text or json");
    }
}
