package dev.inkwell.persistence.problem;

import dev.inkwell.persistence.dropwizard.ServerEvents;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Errors Jetty answers itself, before Jersey sees the request (an ambiguous or NUL-bearing URI
 * path, a malformed request line or header, a path no servlet serves, a servlet filter's
 * {@code sendError}), as problem+json instead of an HTML page. Shared by inkwell-api and
 * inkwell-worker, whose public ports answer errors alike. With request ids on (the api), each such
 * answer carries the request's {@link RequestId} in its header and body; a request Jetty refused
 * before any handler saw it (a malformed request line or header) gets a new one here.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The methods the servers take at all (Dropwizard's allowedMethods); each path's own are in Jersey's 405. */
    private static final String SERVER_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    /** Jetty's reason when Dropwizard's allowed-methods filter refuses a method on every path. */
    private static final String UNKNOWN_METHOD = "Method Not Allowed";

    private final boolean requestIds;

    private ProblemErrorHandler(boolean requestIds) {
        this.requestIds = requestIds;
    }

    /** Answers the errors of {@code environment}'s server and of its servlet context this way, without request ids. */
    public static void install(Environment environment) {
        install(environment, false);
    }

    /** As {@link #install(Environment)}; {@code requestIds}: every answer carries a {@link RequestId}. */
    public static void install(Environment environment, boolean requestIds) {
        ProblemErrorHandler handler = new ProblemErrorHandler(requestIds);
        environment.getApplicationContext().setErrorHandler(handler);
        ServerEvents.onStarting(environment, server -> server.setErrorHandler(handler));
    }

    /** Every method gets the problem body, not only GET, POST and HEAD. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE);
        if (code == 405 && UNKNOWN_METHOD.equals(message) && !response.getHeaders().contains(HttpHeader.ALLOW)) {
            response.getHeaders().put(HttpHeader.ALLOW, SERVER_METHODS); // a 405 must say (RFC 9110)
        }
        String requestId = requestIds ? requestId(request, response) : null;
        if (requestId != null) {
            response.getHeaders().put(RequestId.HEADER, requestId);
        }
        response.write(true, ByteBuffer.wrap(body(code, message, requestId)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE));
        String requestId = requestIds ? RequestId.generate() : null;
        if (requestId != null) {
            fields.put(RequestId.HEADER, requestId);
        }
        return ByteBuffer.wrap(body(status, reason, requestId));
    }

    /**
     * The id the request was given on its way in, else (Jetty refused it before any handler ran)
     * the client's when well-formed, else a new one. The response's header is checked too: a
     * servlet's error dispatch may see the request through a wrapper of its own.
     */
    private static String requestId(Request request, Response response) {
        if (request.getAttribute(RequestId.ATTRIBUTE) instanceof String id) {
            return id;
        }
        String answered = response.getHeaders().get(RequestId.HEADER);
        return answered != null ? answered : RequestId.accept(request.getHeaders().get(RequestId.HEADER));
    }

    private static byte[] body(int code, String message, String requestId) {
        Problems.Kind kind = Problems.Kind.forStatus(code);
        // Jetty's reasons for a 4xx describe the request ("Ambiguous URI path encoding"), but for a 404,
        // an unknown method or an unparsable header or path only repeat the status; a 5xx says nothing.
        String detail = switch (code) {
            case 404 -> "No such route: nothing is served at this path.";
            case 405 -> UNKNOWN_METHOD.equals(message) ? "This server does not take this method; it takes " + SERVER_METHODS + "."
                    : "This method is not allowed on this path.";
            default -> code >= 500 || message == null ? "The server could not handle the request."
                    : code == 400 && message.equals("Bad Request")
                    ? "Malformed request: its path or a header could not be read (a body is sent as 'Content-Type: application/json')."
                    : message;
        };
        try {
            return JSON.writeValueAsBytes(Problems.problem(kind, code, detail, List.of(), null, requestId));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
