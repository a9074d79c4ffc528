package dev.inkwell.api.user;

import dev.inkwell.api.PageResponse;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.api.auth.PasswordHasher;
import dev.inkwell.api.limit.RateLimited;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.Violations;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Password;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.user.UserDao;
import dev.inkwell.persistence.user.UserPages;
import io.dropwizard.auth.Auth;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Optional;

/** The user collection: sign-up and the user list. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UsersResource {
    private final UserDao users;
    private final UserPages pages;
    private final PasswordHasher hasher;

    public UsersResource(UserDao users, UserPages pages, PasswordHasher hasher) {
        this.users = users;
        this.pages = pages;
        this.hasher = hasher;
    }

    /** Sign-up: anyone may create a (non-admin) user; limited per address (each costs a password hash). */
    @POST
    @RateLimited("signUp")
    public Response create(@NotNull CreateUserRequest request, @Context UriInfo uri) {
        Violations v = new Violations();
        NewUser draft = v.collect(() -> NewUser.of(request.username(), request.email(), null, Role.USER));
        v.collect(() -> Password.validate(request.password()));
        v.throwIfAny();
        User user = users.insert(new NewUser(draft.username(), draft.email(), hasher.hash(request.password()), Role.USER));
        return Response.created(uri.getBaseUriBuilder().path("api/users/{id}").build(user.id()))
                .entity(UserResponse.of(user, Optional.of(new Caller(user))))
                .build();
    }

    @GET
    public PageResponse<UserResponse> list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
                                           @Auth Optional<Caller> caller) {
        return PageResponse.of(pages.page(PageRequest.of(page, perPage)), u -> UserResponse.of(u, caller));
    }
}
