package dev.inkwell.api.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Errors Jetty answers itself, before Jersey sees the request (an ambiguous or NUL-bearing URI
 * path, a malformed request line or header), as problem+json instead of an HTML page.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every method gets the problem body, not only GET, POST and HEAD. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE));
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int code, String message) {
        Problems.Kind kind = Problems.Kind.forStatus(code);
        // Jetty's reasons for a 4xx describe the request ("Ambiguous URI path encoding"); a 5xx says nothing.
        String detail = code < 500 && message != null ? message : "The server could not handle the request.";
        try {
            return JSON.writeValueAsBytes(new Problem(kind.type(), kind.title, code, detail, null, null));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
