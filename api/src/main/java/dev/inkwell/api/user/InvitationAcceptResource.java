package dev.inkwell.api.user;

import dev.inkwell.api.auth.Caller;
import dev.inkwell.api.auth.Invitations;
import dev.inkwell.api.auth.PasswordHasher;
import dev.inkwell.api.limit.RateLimited;
import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.Violations;
import dev.inkwell.domain.user.Password;
import dev.inkwell.domain.user.User;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Optional;

/**
 * A user sets their password with the token of an invitation or reset, without signing in (the
 * token is the credential, in the body: never in a URL, which logs keep). Then they sign in with
 * {@code POST /api/tokens} as anyone does.
 */
@Path("/api/invitations/accept")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class InvitationAcceptResource {
    static final String UNUSABLE = "is unknown, expired or already used; ask an admin for a new one";

    private final Invitations invitations;
    private final PasswordHasher hasher;

    public InvitationAcceptResource(Invitations invitations, PasswordHasher hasher) {
        this.invitations = invitations;
        this.hasher = hasher;
    }

    /**
     * 200 with the user (their e-mail address too: the token proved who they are). The password
     * is set, the token used up, and every bearer token of the user ends, in one transaction. A
     * token that is unknown, expired or used (also by a request that raced this one) answers one
     * and the same 409 naming {@code token}, so the answer tells nobody which. An invalid password
     * is a 422 that leaves the token usable.
     */
    @POST
    @RateLimited("invitations")
    public UserResponse accept(@NotNull AcceptInvitationRequest request) {
        Violations v = new Violations();
        v.check(request.token() != null && !request.token().isEmpty(), "token", "is required");
        v.collect(() -> Password.validate(request.password()));
        v.throwIfAny();
        if (!invitations.isPending(request.token())) {
            throw unusable();
        }
        String hash = hasher.hash(request.password());
        User user = invitations.accept(request.token(), hash).orElseThrow(InvitationAcceptResource::unusable);
        return UserResponse.of(user, Optional.of(new Caller(user)));
    }

    private static ConflictException unusable() {
        return new ConflictException("The invitation " + UNUSABLE + ".", List.of(new FieldError("token", UNUSABLE)));
    }
}
