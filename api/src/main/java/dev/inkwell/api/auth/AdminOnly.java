package dev.inkwell.api.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

import java.util.List;

/**
 * The endpoints only admins may call, checked before their parameters and body are read: a
 * non-admin hears 403 (and an anonymous caller 401, from the authentication filter) whatever
 * the id or body, instead of learning first that {@code /api/admin/backups/abc} is malformed.
 * The resources still check too ({@link Access#requireAdmin}); this makes the answer not depend
 * on the input.
 */
public final class AdminOnly implements DynamicFeature {
    /** Paths of the admin-only resources; everything under them is for admins. */
    static final List<String> PATHS = List.of("/api/admin", "/api/users/bulk");

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Path path = resource.getResourceClass().getAnnotation(Path.class);
        if (path != null && PATHS.stream().anyMatch(p -> path.value().equals(p) || path.value().startsWith(p + "/"))) {
            context.register(new Filter());
        }
    }

    /** Runs after Dropwizard's authentication filter has found the caller (or answered 401). */
    @Priority(Priorities.AUTHORIZATION)
    private static final class Filter implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getSecurityContext().getUserPrincipal() instanceof Caller caller) {
                Access.requireAdmin(caller);
            }
        }
    }
}
