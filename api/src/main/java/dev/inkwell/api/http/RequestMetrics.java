package dev.inkwell.api.http;

import dev.inkwell.persistence.dropwizard.ServerEvents;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.RoutingHandler;
import io.dropwizard.metrics.jetty12.ee10.InstrumentedEE10Handler;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Requests per endpoint, in Prometheus's conventions: {@code inkwell_http_requests_total} by
 * method, route and status code, and {@code inkwell_http_request_duration_seconds} by method and
 * route (a histogram, which sums across instances, where quantiles would not), from the first
 * handler to the answer's end. The route is the endpoint's path template ({@code /api/posts/{id}}),
 * never the path itself (ids and garbage would make a series per request), named in the request
 * attribute {@link #ROUTE} by whichever part answers: Jersey's matched resource ({@link RouteFilter})
 * or a filter that answers before Jersey. Anything unnamed (an unknown path, the admin port's
 * servlets) counts as {@code other}; an unusual method as {@code other} too.
 *
 * <p>These are the server's only request metrics: Dropwizard's own ({@link InstrumentedEE10Handler},
 * {@code io_dropwizard_jetty_MutableServletContextHandler_*}: timers with decaying reservoirs for all
 * requests, each method and dispatch, meters per status class) counted the same requests again,
 * without the route, at about a twentieth of the CPU of a read served from Redis; it is taken out of
 * the server when it starts ({@link #withoutDropwizardsRequestMetrics}).
 */
public final class RequestMetrics extends Handler.Wrapper {
    /** The request attribute naming the route that answered. */
    public static final String ROUTE = "inkwell.route";
    static final String OTHER = "other";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** Upper bounds of the latency buckets, in seconds: a cached read's 1 ms to a timed-out request's 10 s. */
    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Counter requests;
    private final Histogram duration;

    private RequestMetrics(Handler handler, Counter requests, Histogram duration) {
        super(handler);
        this.requests = requests;
        this.duration = duration;
    }

    /**
     * Registers the two families in {@code prometheus} and the handler that keeps them (inside the
     * request id's: call before {@link RequestIdHandler#install}), and the route of Jersey's answers.
     */
    public static void install(Environment environment, CollectorRegistry prometheus) {
        Counter requests = Counter.build("inkwell_http_requests_total", "HTTP requests answered, by method, route and status code")
                .labelNames("method", "route", "code").register(prometheus);
        Histogram duration = Histogram.build("inkwell_http_request_duration_seconds", "Time to answer an HTTP request, by method and route")
                .labelNames("method", "route").buckets(BUCKETS).register(prometheus);
        RequestIdHandler.wrapOnStart(environment, handler -> new RequestMetrics(handler, requests, duration));
        environment.jersey().register(new RouteFilter());
        ServerEvents.onStarting(environment, server -> withoutDropwizardsRequestMetrics(server, environment.getAdminContext()));
    }

    /**
     * Puts each connector's own handler in place of the {@link InstrumentedEE10Handler} Dropwizard
     * wraps it in. Dropwizard routes by connector ({@link RoutingHandler}, one handler per connector,
     * in the server's order of connectors) and has no setting that leaves the wrapper out, so the
     * routing is built again without it. Dropwizard names its connectors {@code application} and
     * {@code admin}: a pairing that would route the admin port's servlets (tasks, threads) to another
     * connector, or the reverse, stops the start.
     */
    static void withoutDropwizardsRequestMetrics(Server server, Handler adminContext) {
        List<Handler.Wrapper> wrappers = new ArrayList<>(server.getDescendants(Handler.Wrapper.class));
        wrappers.add(server);
        for (Handler.Wrapper parent : wrappers) {
            if (parent.getHandler() instanceof RoutingHandler routing) {
                List<Handler> handlers = routing.getHandlers();
                Connector[] connectors = server.getConnectors();
                if (handlers.size() != connectors.length) {
                    throw new IllegalStateException("a handler per connector expected: " + handlers + " for " + List.of(connectors));
                }
                Map<Connector, Handler> routes = new LinkedHashMap<>();
                for (int i = 0; i < connectors.length; i++) {
                    Handler handler = handlers.get(i);
                    if (handler instanceof InstrumentedEE10Handler instrumented) {
                        handler = instrumented.getHandler();
                        instrumented.setHandler((Handler) null);
                    }
                    if ((handler == adminContext) != "admin".equals(connectors[i].getName())) {
                        throw new IllegalStateException("connector " + connectors[i].getName() + " would be routed to " + handler);
                    }
                    routes.put(connectors[i], handler);
                }
                parent.setHandler(new RoutingHandler(routes));
            }
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        return super.handle(request, response, new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                record(request, response, start);
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                record(request, response, start);
                super.failed(x);
            }
        });
    }

    private void record(Request request, Response response, long start) {
        String method = METHODS.contains(request.getMethod()) ? request.getMethod() : OTHER;
        String route = request.getAttribute(ROUTE) instanceof String named ? named : OTHER;
        requests.labels(method, route, Integer.toString(response.getStatus())).inc();
        duration.labels(method, route).observe((System.nanoTime() - start) / 1e9);
    }
}
