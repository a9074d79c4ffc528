package dev.inkwell.api.limit;

import dev.inkwell.persistence.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.List;
import java.util.Map;

/**
 * Applies the configured limits to {@link RateLimited} methods: over the limit, 429 with
 * {@code Retry-After}. Clients are told apart by their address as Jetty sees it (behind a
 * proxy, configure Jetty's forwarded-request handling so that is the real client).
 */
public final class RateLimitFeature implements DynamicFeature {
    private static final int MAX_CLIENTS = 100_000;

    private final Map<String, RateLimit> limits;

    public RateLimitFeature(Map<String, RateLimit> limits) {
        this.limits = limits;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RateLimited annotation = resource.getResourceMethod().getAnnotation(RateLimited.class);
        if (annotation == null) {
            return;
        }
        RateLimit limit = limits.get(annotation.value());
        if (limit == null) {
            throw new IllegalStateException("no rate limit '" + annotation.value() + "' in the configuration");
        }
        context.register(new Filter(new TokenBuckets(limit, MAX_CLIENTS, System::nanoTime), annotation.whenQueryParam()));
    }

    @Priority(Priorities.AUTHENTICATION - 10)
    private static final class Filter implements ContainerRequestFilter {
        private final TokenBuckets buckets;
        private final String whenQueryParam;
        @Context
        private HttpServletRequest servletRequest;

        Filter(TokenBuckets buckets, String whenQueryParam) {
            this.buckets = buckets;
            this.whenQueryParam = whenQueryParam;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (!whenQueryParam.isEmpty() && !request.getUriInfo().getQueryParameters().containsKey(whenQueryParam)) {
                return;
            }
            String client = servletRequest == null ? "unknown" : servletRequest.getRemoteAddr();
            long wait = buckets.acquire(client);
            if (wait > 0) {
                request.abortWith(Problems.builder(Problems.Kind.RATE_LIMITED,
                                "Too many requests; retry after " + wait + " s.", List.of())
                        .header(HttpHeaders.RETRY_AFTER, Long.toString(wait))
                        .build());
            }
        }
    }
}
