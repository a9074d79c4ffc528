package dev.inkwell.api.user;

import dev.inkwell.api.auth.AdminOnly;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.api.auth.Invitations;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.persistence.problem.Problems;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * Admins issue a user's invitation (a user without a password, e.g. made by bulk creation) or
 * password reset (a user with one): a one-time token the admin hands over, with which the user
 * sets their password ({@link InvitationAcceptResource}). A root resource of its own, as
 * {@link BulkUsersResource} is.
 */
@AdminOnly
@Path("/api/users/{id}/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class InvitationsResource {
    private final Invitations invitations;

    public InvitationsResource(Invitations invitations) {
        this.invitations = invitations;
    }

    /**
     * 201 with the token, shown only here (no-store: no cache keeps it); it replaces the user's
     * pending one. 404 for no such user, 409 for a deactivated one. Not for the admin themself:
     * a token alone must never be able to change its own user's password (that needs the current
     * one, through {@code PATCH /api/users/{id}}).
     */
    @POST
    public Response issue(@PathParam("id") long id, @Auth Caller caller) {
        if (caller.id() == id) {
            throw new ForbiddenException(Problems.builder(Problems.Kind.FORBIDDEN,
                    "Admins change their own password with PATCH /api/users/{id} and current_password, not an invitation.",
                    List.of()).build());
        }
        Invitations.Issued issued = invitations.issue(id, caller.id()).orElseThrow(() -> new NotFoundException("user", id));
        return Response.status(Response.Status.CREATED).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(InvitationResponse.of(id, issued)).build();
    }
}
