package dev.inkwell.api.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/**
 * The one check of the endpoints marked {@link AdminOnly}, made before their parameters and body
 * are read: a non-admin hears 403 (and an anonymous caller 401, from the authentication filter)
 * whatever the id or body, instead of learning first that {@code /api/admin/backups/abc} is
 * malformed.
 */
public final class AdminOnlyFeature implements DynamicFeature {
    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceClass().isAnnotationPresent(AdminOnly.class)
                || resource.getResourceMethod().isAnnotationPresent(AdminOnly.class)) {
            context.register(new Filter());
        }
    }

    /** Runs after Dropwizard's authentication filter has found the caller (or answered 401). */
    @Priority(Priorities.AUTHORIZATION)
    private static final class Filter implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            // Fails closed: a marked method that does not require a caller still admits no one else.
            if (!(request.getSecurityContext().getUserPrincipal() instanceof Caller caller)) {
                throw Access.forbidden(Access.ADMINS_ONLY);
            }
            Access.requireAdmin(caller);
        }
    }
}
