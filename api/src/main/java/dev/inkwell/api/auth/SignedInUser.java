package dev.inkwell.api.auth;

import dev.inkwell.persistence.dropwizard.RequestUser;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import org.slf4j.MDC;

/**
 * Once a request's credentials are checked, the id of the user it is signed in as goes where its
 * log lines find it ({@link RequestUser}): so that a user's error report, or an operator's search
 * for one user's requests, finds them. Never the token or the username, which may be personal.
 */
@Priority(Priorities.AUTHENTICATION + 1)
final class SignedInUser implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() instanceof Caller caller) {
            MDC.put(RequestUser.MDC_KEY, Long.toString(caller.id()));
            request.setProperty(RequestUser.ATTRIBUTE, caller.id());
        }
    }
}
