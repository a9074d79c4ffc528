package dev.inkwell.api.user;

import dev.inkwell.api.auth.Access;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.api.auth.PasswordHasher;
import dev.inkwell.api.auth.Tokens;
import dev.inkwell.api.limit.RateLimiter;
import dev.inkwell.persistence.problem.Problems;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.domain.Violations;
import dev.inkwell.domain.user.Credentials;
import dev.inkwell.domain.user.Password;
import dev.inkwell.domain.user.Profile;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserChanges;
import dev.inkwell.persistence.Updated;
import dev.inkwell.persistence.user.ProfileDao;
import dev.inkwell.persistence.user.UserDao;
import dev.inkwell.persistence.user.UserWrites;
import io.dropwizard.auth.Auth;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One user and their profile. Users change themselves; admins change anyone, and alone may
 * (de)activate users or change roles. A user who still has posts or comments cannot be deleted (409):
 * deactivate them, or delete their posts and comments first. No single request can lose the accounts:
 * the last active admin stays one, and a token alone cannot change its user's password.
 */
@Path("/api/users/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UserResource {
    private final UserDao users;
    private final UserWrites writes;
    private final ProfileDao profiles;
    private final PasswordHasher hasher;
    private final RateLimiter failures;

    /** {@code failures}: failed sign-ins per account ("signInFailures"), which wrong current passwords count in. */
    public UserResource(UserDao users, UserWrites writes, ProfileDao profiles, PasswordHasher hasher, RateLimiter failures) {
        this.users = users;
        this.writes = writes;
        this.failures = failures;
        this.profiles = profiles;
        this.hasher = hasher;
    }

    @GET
    public UserResponse get(@PathParam("id") long id, @Auth Optional<Caller> caller) {
        return UserResponse.of(find(id), caller);
    }

    /**
     * Changing one's own password needs the current one, and ends every other session of the
     * user: the token of this request keeps working. An admin setting another user's password
     * ends all of that user's sessions, as deactivation does. The last active admin cannot
     * deactivate or demote themself (409).
     */
    @PATCH
    public UserResponse update(@PathParam("id") long id, @NotNull UpdateUserRequest request, @Auth Caller caller,
                               @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        User target = find(id);
        Access.requireOwnerOrAdmin(caller, id);
        if (request.isActive() != null || request.role() != null) {
            Access.requireAdmin(caller);
        }
        boolean ownPassword = request.password() != null && caller.id() == id;
        Violations v = new Violations();
        Role role = request.role() == null ? null : v.collect(() -> Role.fromCode(request.role()));
        UserChanges changes = v.collect(() -> UserChanges.of(request.username(), request.email(), null, request.isActive(), role));
        if (request.password() != null) {
            v.collect(() -> Password.validate(request.password()));
        }
        v.check(!ownPassword || request.currentPassword() != null, "current_password", "is required to change your own password");
        v.throwIfAny();
        if (ownPassword) {
            requireCurrentPassword(target, request.currentPassword());
        }
        String hash = request.password() == null ? null : hasher.hash(request.password());
        byte[] keptToken = ownPassword ? bearerToken(authorization).map(Tokens::sha256).orElse(null) : null;
        Updated<User> updated = writes.update(id, new UserChanges(changes.username(), changes.email(), hash, changes.active(), changes.role()), keptToken)
                .orElseThrow(() -> new NotFoundException("user", id));
        return UserResponse.of(updated.after(), Optional.of(caller));
    }

    /** Deleting the last active admin is refused (409), as is deleting a user who has posts. */
    @DELETE
    public Response delete(@PathParam("id") long id, @Auth Caller caller) {
        find(id);
        Access.requireOwnerOrAdmin(caller, id);
        if (!writes.delete(id)) {
            throw new NotFoundException("user", id);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/profile")
    public ProfileBody profile(@PathParam("id") long id) {
        find(id);
        return profiles.find(id).map(ProfileBody::of).orElse(new ProfileBody(null, null, null));
    }

    @PUT
    @Path("/profile")
    public ProfileBody putProfile(@PathParam("id") long id, @NotNull ProfileBody body, @Auth Caller caller) {
        find(id);
        Access.requireOwnerOrAdmin(caller, id);
        return ProfileBody.of(profiles.put(Profile.of(id, body.displayName(), body.bio(), body.website())));
    }

    /**
     * 403 naming current_password unless it is the user's password (a stolen token alone cannot
     * take the account over). A wrong one counts as a failed sign-in of the account, so it cannot
     * be guessed here faster than through sign-in: 429 with Retry-After once that limit is reached.
     */
    private void requireCurrentPassword(User user, String currentPassword) {
        String stored = users.findCredentialsById(user.id()).map(Credentials::passwordHash).orElse(null);
        boolean right = failures.attempt(user.username().toLowerCase(Locale.ROOT), TokensResource.TOO_MANY,
                () -> stored != null && hasher.verify(currentPassword, stored));
        if (!right) {
            throw new ForbiddenException(Problems.builder(Problems.Kind.FORBIDDEN, "The current password is wrong.",
                    List.of(new FieldError("current_password", "is not your current password"))).build());
        }
    }

    /** The token of an {@code Authorization: Bearer} header, if that is how the caller signed in. */
    private static Optional<String> bearerToken(String authorization) {
        String prefix = "bearer ";
        if (authorization == null || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(prefix.length()).strip());
    }

    private User find(long id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
    }
}
