package dev.inkwell.api.auth;

import io.dropwizard.auth.Auth;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Where signing in is optional ({@code @Auth Optional<Caller>}), Dropwizard treats a bad token
 * like no token. A client that sends credentials should hear that they are wrong (expired
 * token, typo): 401, as on every other endpoint. No credentials stays anonymous.
 */
public final class RejectInvalidCredentials implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (takesOptionalCaller(resource.getResourceMethod())) {
            context.register(new Filter());
        }
    }

    private static boolean takesOptionalCaller(Method method) {
        Annotation[][] annotations = method.getParameterAnnotations();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            for (Annotation a : annotations[i]) {
                if (a instanceof Auth && types[i] == Optional.class) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Runs after Dropwizard's authentication filter has tried the credentials. */
    @Priority(Priorities.AUTHENTICATION + 1)
    private static final class Filter implements ContainerRequestFilter {
        private final ProblemUnauthorizedHandler unauthorized = new ProblemUnauthorizedHandler();

        @Override
        public void filter(ContainerRequestContext request) {
            boolean sentCredentials = request.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
            if (sentCredentials && request.getSecurityContext().getUserPrincipal() == null) {
                request.abortWith(unauthorized.buildResponse("Bearer", "inkwell"));
            }
        }
    }
}
