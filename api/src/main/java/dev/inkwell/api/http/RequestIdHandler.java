package dev.inkwell.api.http;

import dev.inkwell.persistence.dropwizard.RequestUser;
import dev.inkwell.persistence.dropwizard.ServerEvents;
import dev.inkwell.persistence.problem.RequestId;
import io.dropwizard.core.setup.Environment;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.MDC;

import java.util.function.UnaryOperator;

/**
 * The one place a request gets its {@link RequestId}: the first handler of the server, so that
 * everything after it sees the id, the answers made before Jersey included (cached post and list
 * reads, CORS preflights, Jetty's own errors, the 503/Connection: close of a stopping server). It
 * puts the id in the request attribute, the {@code X-Request-Id} response header (the request log
 * writes it from there) and the logging context of the serving thread, cleared when the handler
 * returns. Requests Jetty refuses before any handler runs get theirs from {@code ProblemErrorHandler}.
 */
public final class RequestIdHandler extends Handler.Wrapper {

    public RequestIdHandler(Handler handler) {
        super(handler);
    }

    /**
     * Makes this the server's outermost handler when it starts. Call it after every other
     * {@link #wrapOnStart} (and {@link GracefulStopHandler#install}): each wraps what is there.
     */
    public static void install(Environment environment) {
        wrapOnStart(environment, RequestIdHandler::new);
    }

    /** Wraps the server's handler with {@code wrapper} when the server starts (in the order of the calls). */
    static void wrapOnStart(Environment environment, UnaryOperator<Handler> wrapper) {
        ServerEvents.onStarting(environment, server -> {
            Handler inner = server.getHandler();
            server.setHandler((Handler) null);
            server.setHandler(wrapper.apply(inner));
        });
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String id = RequestId.accept(request.getHeaders().get(RequestId.HEADER));
        request.setAttribute(RequestId.ATTRIBUTE, id);
        response.getHeaders().put(RequestId.HEADER, id);
        MDC.put(RequestId.MDC_KEY, id);
        try {
            return super.handle(request, response, callback);
        } finally {
            MDC.remove(RequestId.MDC_KEY);
            MDC.remove(RequestUser.MDC_KEY); // set by the authentication, for this request only
        }
    }
}
