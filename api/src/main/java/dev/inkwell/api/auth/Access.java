package dev.inkwell.api.auth;

import dev.inkwell.persistence.problem.Problems;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;

import java.util.Optional;

/** The authorization rules, in one place: owners change their own things; admins anything. */
public final class Access {
    static final String ADMINS_ONLY = "only an admin may do this";

    private Access() {
    }

    /** Throws 403 unless {@code caller} owns {@code ownerId}'s things or is an admin. */
    public static void requireOwnerOrAdmin(Caller caller, long ownerId) {
        if (!caller.mayChange(ownerId)) {
            throw forbidden("only the owner or an admin may do this");
        }
    }

    /** Throws 403 with {@code detail} (what only whom may do) unless {@code allowed}. */
    public static void require(boolean allowed, String detail) {
        if (!allowed) {
            throw forbidden(detail);
        }
    }

    public static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw forbidden(ADMINS_ONLY);
        }
    }

    /**
     * For what only admins may do where signing in is optional: 401 (as the authentication filter
     * answers a missing token) when nobody signed in, as on every admin-only path, since signing
     * in may help; 403 with {@code detail} for a signed-in non-admin.
     */
    public static void requireAdmin(Optional<Caller> caller, String detail) {
        if (caller.isEmpty()) {
            throw new NotAuthorizedException(ProblemUnauthorizedHandler.challenge());
        }
        require(caller.get().isAdmin(), detail);
    }

    static ForbiddenException forbidden(String detail) {
        return new ForbiddenException(Problems.builder(Problems.Kind.FORBIDDEN, detail, java.util.List.of()).build());
    }
}
