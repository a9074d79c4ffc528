package dev.inkwell.api.user;

import dev.inkwell.api.PageResponse;
import dev.inkwell.api.auth.Access;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.api.auth.PasswordHasher;
import dev.inkwell.api.list.ListAnswers;
import dev.inkwell.api.list.PublicListPages;
import dev.inkwell.api.limit.RateLimited;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.Violations;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Password;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserPrefix;
import dev.inkwell.persistence.cache.KeptTablePages.Table;
import dev.inkwell.persistence.user.UserPages;
import dev.inkwell.persistence.user.UserSearch;
import dev.inkwell.persistence.user.UserWrites;
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

/** The user collection: sign-up, the user list and the search of users by prefix. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UsersResource {
    private final UserWrites writes;
    private final UserPages pages;
    private final UserSearch search;
    private final PublicListPages publicPages;
    private final PasswordHasher hasher;

    public UsersResource(UserWrites writes, UserPages pages, UserSearch search, PublicListPages publicPages, PasswordHasher hasher) {
        this.writes = writes;
        this.pages = pages;
        this.search = search;
        this.publicPages = publicPages;
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
        User user = writes.create(new NewUser(draft.username(), draft.email(), hasher.hash(request.password()), Role.USER));
        return Response.created(uri.getBaseUriBuilder().path("api/users/{id}").build(user.id()))
                .entity(UserResponse.of(user, Optional.of(new Caller(user))))
                .build();
    }

    /**
     * Users by id, a {@link PageResponse}, by page number or after a {@code cursor} (from
     * {@code next_cursor} or the {@code Link} header). Anonymous readers are all sent the same
     * page, kept until the next user write; a signed-in reader's page may show e-mail addresses,
     * and is built each time. With {@code q}, a search instead ({@link #search}), limited per
     * client address as the search of posts is.
     */
    @GET
    @RateLimited(value = "search", whenQueryParam = "q")
    public Response list(@QueryParam("q") String q, @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
                         @QueryParam("cursor") String cursor, @Auth Optional<Caller> caller, @Context UriInfo uri) {
        if (q != null) {
            return search(q, page, perPage, cursor, caller, uri);
        }
        if (caller.isEmpty()) {
            return publicPages.answer(Table.USERS, page, perPage, cursor, uri.getRequestUriBuilder());
        }
        PageRequest request = PageRequest.of(page, perPage);
        ListAnswers.refuseCursorWithPage(cursor, page);
        Page<User> found = cursor == null ? pages.page(request) : pages.pageAfter(cursor, request.perPage());
        // A signed-in reader's page (an admin's shows e-mail addresses): never for shared caches.
        return ListAnswers.ok(PageResponse.of(found, u -> UserResponse.of(u, caller)), found.nextCursor(), uri.getRequestUriBuilder(), false);
    }

    /**
     * Users whose username starts with {@code q} in any case, in that order; for a {@code q} with
     * an '@', users whose e-mail address starts with it, for admins only (an anonymous caller
     * hears 401 as on every admin-only path, where signing in may help; anyone else 403, before
     * anything of {@code q} is judged). Paged as the list is. The answer is built each time, never
     * kept: prefixes are too many to keep, and each is one indexed statement.
     */
    private Response search(String q, Integer page, Integer perPage, String cursor, Optional<Caller> caller, UriInfo uri) {
        if (q.indexOf('@') >= 0) {
            Access.requireAdmin(caller, "only admins search by e-mail address");
        }
        UserPrefix prefix = UserPrefix.of(q);
        PageRequest request = PageRequest.of(page, perPage);
        ListAnswers.refuseCursorWithPage(cursor, page);
        Page<User> found = cursor == null ? search.page(prefix, request) : search.pageAfter(prefix, cursor, request.perPage());
        // Every anonymous searcher is shown the same page (shared caches may keep it, revalidated
        // before each use); a signed-in one may see their own or, as an admin, every address.
        return ListAnswers.ok(PageResponse.of(found, u -> UserResponse.of(u, caller)), found.nextCursor(), uri.getRequestUriBuilder(),
                caller.isEmpty());
    }
}
