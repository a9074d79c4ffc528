package dev.inkwell.api.http;

import dev.inkwell.persistence.dropwizard.ServerEvents;
import io.dropwizard.core.setup.Environment;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's graceful stop: in-flight requests finish, and a request that arrives on an open
 * keep-alive connection after the stop began is served as usual with {@code Connection: close},
 * so the client moves to a new connection (another instance) instead of failing. Idle connections
 * are closed by Jetty's connector meanwhile; the listener is already closed.
 *
 * <p>Why: Dropwizard puts Jetty's {@link GracefulHandler} in front of everything, which answers
 * 503 to every request that arrives once the stop began, although the application is still fully
 * up until the connections are gone (or the shutdown grace period ends).
 */
public final class GracefulStopHandler extends Handler.Wrapper implements Graceful {
    private final AtomicLong inFlight = new AtomicLong();
    private final Shutdown shutdown = new Shutdown(this) {
        @Override
        public boolean isShutdownDone() {
            return inFlight.get() == 0;
        }
    };

    public GracefulStopHandler(Handler handler) {
        super(handler);
    }

    /** Puts this handler in place of Dropwizard's {@link GracefulHandler} when the server starts. */
    public static void install(Environment environment) {
        ServerEvents.onStarting(environment, server -> {
            if (server.getHandler() instanceof GracefulHandler jettys) {
                Handler inner = jettys.getHandler();
                jettys.setHandler((Handler) null);
                server.setHandler(new GracefulStopHandler(inner));
            }
        });
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        inFlight.incrementAndGet();
        if (isShutdown()) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        Callback tracked = Callback.from(callback, this::completed);
        try {
            boolean handled = super.handle(request, response, tracked);
            if (!handled) {
                completed();
            }
            return handled;
        } catch (Throwable t) {
            Response.writeError(request, response, tracked, t);
            return true;
        }
    }

    private void completed() {
        if (inFlight.decrementAndGet() == 0) {
            shutdown.check();
        }
    }

    @Override
    protected void doStart() throws Exception {
        shutdown.cancel();
        super.doStart();
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return shutdown.shutdown();
    }

    @Override
    public boolean isShutdown() {
        return shutdown.isShutdown();
    }
}
