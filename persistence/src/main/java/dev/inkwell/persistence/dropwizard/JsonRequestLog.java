package dev.inkwell.persistence.dropwizard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.inkwell.persistence.problem.RequestId;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The request log as one JSON object a line ({@code LOG_FORMAT=json}): the fields of the text
 * line ({@link PlainRequestLogFactory#FORMAT}) by name, each value escaped by a JSON writer (a
 * User-Agent may hold quotes and backslashes, which a format string would copy as they are), and the
 * signed-in user's id where the request had one. The same reticence as the text line: the path
 * without its query string, no Referer, no header but the User-Agent.
 */
final class JsonRequestLog implements RequestLog {
    private static final JsonFactory JSON = new JsonFactory();

    private final Logger log;

    JsonRequestLog(String logger) {
        this.log = LoggerFactory.getLogger(logger);
    }

    @Override
    public void log(Request request, Response response) {
        if (!log.isInfoEnabled()) {
            return;
        }
        log.info(line(request, response));
    }

    static String line(Request request, Response response) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("time", Instant.ofEpochMilli(Request.getTimeStamp(request)).toString());
            json.writeStringField("client", Request.getRemoteAddr(request));
            if (request.getAttribute(RequestUser.ATTRIBUTE) instanceof Long user) {
                json.writeNumberField("user_id", user);
            }
            json.writeStringField("method", request.getMethod());
            json.writeStringField("path", request.getHttpURI().getPath());
            json.writeStringField("protocol", request.getConnectionMetaData().getProtocol());
            json.writeNumberField("status", response.getStatus());
            json.writeNumberField("bytes", Response.getContentBytesWritten(response));
            json.writeStringField("user_agent", request.getHeaders().get(HttpHeader.USER_AGENT));
            json.writeNumberField("ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - request.getBeginNanoTime()));
            json.writeStringField("request_id", response.getHeaders().get(RequestId.HEADER));
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return out.toString();
    }
}
