package dev.inkwell.api.limit;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.persistence.cache.ReadCache;
import io.dropwizard.core.setup.Environment;
import dev.inkwell.persistence.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.servlet.DispatcherType;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies the configured limits to {@link RateLimited} methods, per client address (see
 * {@link ClientAddressFilter}): over the limit, 429 with {@code Retry-After}. Limits are counted
 * in Redis, shared by every instance ({@link RateLimiter}).
 */
public final class RateLimitFeature implements DynamicFeature {
    /** The request property that holds the client whose token an accepted-only request took. */
    private static final String TAKEN = RateLimitFeature.class.getName() + ".taken";

    private final Map<String, RateLimiter> limiters = new HashMap<>();

    RateLimitFeature(Map<String, RateLimit> limits, ReadCache cache, MetricRegistry metrics) {
        limits.forEach((name, limit) -> limiters.put(name, new RateLimiter(name, limit, cache, metrics)));
    }

    /**
     * Registers the limits: the client-address filter in front of the API and this feature in
     * Jersey. {@code cache} is where the counts are shared (its Redis and namespace).
     */
    public static RateLimitFeature install(Environment environment, Map<String, RateLimit> limits,
                                           TrustedProxies proxies, ReadCache cache) {
        environment.servlets().addFilter("client-address", new ClientAddressFilter(proxies))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        RateLimitFeature feature = new RateLimitFeature(limits, cache, environment.metrics());
        environment.jersey().register(feature);
        return feature;
    }

    /** The limiter of the limit {@code name} (for limits a resource counts itself, e.g. per account). */
    public RateLimiter limiter(String name) {
        RateLimiter limiter = limiters.get(name);
        if (limiter == null) {
            throw new IllegalStateException("no rate limit '" + name + "' in the configuration");
        }
        return limiter;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RateLimited annotation = resource.getResourceMethod().getAnnotation(RateLimited.class);
        if (annotation != null) {
            context.register(new Filter(limiter(annotation.value()), annotation));
        }
    }

    @Priority(Priorities.AUTHENTICATION - 10)
    private static final class Filter implements ContainerRequestFilter, ContainerResponseFilter {
        private final RateLimiter limiter;
        private final String whenQueryParam;
        private final boolean acceptedOnly;

        Filter(RateLimiter limiter, RateLimited annotation) {
            this.limiter = limiter;
            this.whenQueryParam = annotation.whenQueryParam();
            this.acceptedOnly = annotation.acceptedOnly();
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (!whenQueryParam.isEmpty() && !request.getUriInfo().getQueryParameters().containsKey(whenQueryParam)) {
                return;
            }
            String client = client(request);
            long wait = limiter.acquire(client);
            if (wait > 0) {
                request.abortWith(RateLimiter.refusal(wait));
            } else if (acceptedOnly) {
                request.setProperty(TAKEN, client);
            }
        }

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            Object client = request.getProperty(TAKEN);
            if (client != null && response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
                request.removeProperty(TAKEN);
                limiter.release((String) client);
            }
        }

        private static String client(ContainerRequestContext request) {
            Object client = request.getProperty(ClientAddressFilter.ATTRIBUTE);
            return client == null ? "unknown" : client.toString();
        }
    }
}
