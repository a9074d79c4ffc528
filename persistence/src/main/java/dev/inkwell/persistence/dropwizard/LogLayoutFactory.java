package dev.inkwell.persistence.dropwizard;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.DropwizardLayout;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.logging.json.EventAttribute;
import io.dropwizard.logging.json.EventJsonLayoutBaseFactory;
import dev.inkwell.persistence.problem.RequestId;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

/**
 * {@code layout: {type: inkwell, format: text|json, pattern: ...}} of an appender: the application
 * log as text lines ({@code pattern}) or, with {@code format: json}, as Dropwizard's JSON layout,
 * one object a line with the time (ISO-8601, UTC), level, logger, thread, message and exception, and the request's
 * {@code request_id} and {@code user_id} as fields of their own (set for the request by the API;
 * absent outside one). One switch for operators ({@code LOG_FORMAT}) instead of a layout block
 * to swap in every configuration file.
 */
@JsonTypeName("inkwell")
public final class LogLayoutFactory implements DiscoverableLayoutFactory<ILoggingEvent> {
    /** The log context keys a request sets that JSON lines carry. */
    static final Set<String> REQUEST_KEYS = Set.of(RequestId.MDC_KEY, RequestUser.MDC_KEY);

    @NotNull
    private LogFormat format = LogFormat.TEXT;
    @NotEmpty
    private String pattern = "%-5p [%d{ISO8601,UTC}] %c: %m%n%rEx";

    @JsonProperty
    public LogFormat getFormat() {
        return format;
    }

    @JsonProperty
    public void setFormat(LogFormat format) {
        this.format = format;
    }

    @JsonProperty
    public String getPattern() {
        return pattern;
    }

    @JsonProperty
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
        if (format == LogFormat.JSON) {
            EventJsonLayoutBaseFactory json = new EventJsonLayoutBaseFactory();
            json.setIncludes(EnumSet.of(EventAttribute.TIMESTAMP, EventAttribute.LEVEL, EventAttribute.LOGGER_NAME,
                    EventAttribute.THREAD_NAME, EventAttribute.MESSAGE, EventAttribute.EXCEPTION, EventAttribute.MDC));
            json.setIncludesMdcKeys(REQUEST_KEYS);
            json.setFlattenMdc(true);
            // As the request log's lines: "time", ISO-8601 in UTC (epoch milliseconds by default).
            json.setTimestampFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
            json.setCustomFieldNames(Map.of("timestamp", "time"));
            return json.build(context, timeZone);
        }
        DropwizardLayout text = new DropwizardLayout(context, timeZone);
        text.setPattern(pattern);
        return text;
    }
}
