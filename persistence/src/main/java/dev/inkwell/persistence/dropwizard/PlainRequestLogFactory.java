package dev.inkwell.persistence.dropwizard;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.request.logging.RequestLogFactory;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;

/**
 * {@code server.requestLog.type: plain}: one line per request, formatted by Jetty itself and
 * written to the logger {@code http.request} (route it with {@code logging.loggers}). Dropwizard's
 * default (logback-access) first copies every request's headers, parameters and attributes into
 * an event for a background thread, a tenth of a cached read's CPU; this writes the few fields
 * it logs. The line leaves out what may be secret or personal in other people's logs: the query
 * string (search terms, e-mail filters, cursors), the Referer (other sites' query strings) and
 * every header but the User-Agent (bearer tokens). It ends with the answer's {@code X-Request-Id}
 * (the api's request id, "-" where none is given), which is also in every application log line
 * of the request and in its problem body.
 */
@JsonTypeName("plain")
public final class PlainRequestLogFactory implements RequestLogFactory<RequestLog> {
    /**
     * Client, user, time (UTC), method, path without query, protocol, status, body bytes sent,
     * User-Agent, milliseconds, request id (the response's X-Request-Id, which is well-formed: the
     * client's only when it is).
     */
    static final String FORMAT = "%{client}a - %u %{dd/MMM/yyyy:HH:mm:ss Z|UTC}t \"%m %U %H\" %s %O \"%{User-Agent}i\" %{ms}T %{X-Request-Id}o";

    private boolean enabled = true;
    @NotNull
    private LogFormat format = LogFormat.TEXT;
    @NotEmpty
    private String logger = "http.request";

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public LogFormat getFormat() {
        return format;
    }

    @JsonProperty
    public void setFormat(LogFormat format) {
        this.format = format;
    }

    @JsonProperty
    public String getLogger() {
        return logger;
    }

    @JsonProperty
    public void setLogger(String logger) {
        this.logger = logger;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public RequestLog build(String name) {
        if (format == LogFormat.JSON) {
            return new JsonRequestLog(logger);
        }
        Slf4jRequestLogWriter writer = new Slf4jRequestLogWriter();
        writer.setLoggerName(logger);
        return new CustomRequestLog(writer, FORMAT);
    }
}
