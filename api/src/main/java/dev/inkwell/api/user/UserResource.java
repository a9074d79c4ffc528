package dev.inkwell.api.user;

import dev.inkwell.api.auth.Access;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.api.auth.PasswordHasher;
import dev.inkwell.api.auth.Tokens;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.domain.Violations;
import dev.inkwell.domain.user.Password;
import dev.inkwell.domain.user.Profile;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserChanges;
import dev.inkwell.persistence.post.PostCache;
import dev.inkwell.persistence.user.ProfileDao;
import dev.inkwell.persistence.user.UserDao;
import io.dropwizard.auth.Auth;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * One user and their profile. Users change themselves; admins change anyone, and alone may
 * (de)activate users or change roles. A user who still has posts cannot be deleted (409):
 * deactivate them, or delete their posts first.
 */
@Path("/api/users/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UserResource {
    private final UserDao users;
    private final ProfileDao profiles;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final PostCache postCache;

    public UserResource(UserDao users, ProfileDao profiles, PasswordHasher hasher, Tokens tokens, PostCache postCache) {
        this.users = users;
        this.postCache = postCache;
        this.profiles = profiles;
        this.hasher = hasher;
        this.tokens = tokens;
    }

    @GET
    public UserResponse get(@PathParam("id") long id, @Auth Optional<Caller> caller) {
        return UserResponse.of(find(id), caller);
    }

    /** Changing the password also ends every session (token) of the user. */
    @PATCH
    public UserResponse update(@PathParam("id") long id, @NotNull UpdateUserRequest request, @Auth Caller caller) {
        find(id);
        Access.requireOwnerOrAdmin(caller, id);
        if (request.isActive() != null || request.role() != null) {
            Access.requireAdmin(caller);
        }
        Violations v = new Violations();
        Role role = request.role() == null ? null : v.collect(() -> Role.fromCode(request.role()));
        UserChanges changes = v.collect(() -> UserChanges.of(request.username(), request.email(), null, request.isActive(), role));
        if (request.password() != null) {
            v.collect(() -> Password.validate(request.password()));
        }
        v.throwIfAny();
        String hash = request.password() == null ? null : hasher.hash(request.password());
        User user = users.update(id, new UserChanges(changes.username(), changes.email(), hash, changes.active(), changes.role()))
                .orElseThrow(() -> new NotFoundException("user", id));
        if (hash != null) {
            tokens.revokeAllOf(id);
        }
        if (changes.username() != null) {
            // Committed: every cached post of this author shows the old name.
            postCache.invalidateByAuthor(id);
        }
        return UserResponse.of(user, Optional.of(caller));
    }

    @DELETE
    public Response delete(@PathParam("id") long id, @Auth Caller caller) {
        find(id);
        Access.requireOwnerOrAdmin(caller, id);
        if (!users.delete(id)) {
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

    private User find(long id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
    }
}
