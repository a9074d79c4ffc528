package dev.inkwell.api.user;

import dev.inkwell.api.auth.AdminOnly;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.api.limit.RateLimited;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Violations;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Role;
import dev.inkwell.persistence.cache.KeptTablePages;
import dev.inkwell.persistence.cache.KeptTablePages.Table;
import dev.inkwell.persistence.user.UserDao;
import io.dropwizard.auth.Auth;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * Bulk creation of users. A root resource of its own: as a sub-path of {@code /api/users}
 * it would lose to {@code /api/users/{id}}, which matches "bulk" too.
 */
@AdminOnly
@Path("/api/users/bulk")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class BulkUsersResource {
    public static final int MAX_BULK = 10_000;

    private final UserDao users;
    private final KeptTablePages kept;

    public BulkUsersResource(UserDao users, KeptTablePages kept) {
        this.users = users;
        this.kept = kept;
    }

    /** Admins: up to 10,000 users in one request, all or nothing. */
    @POST
    @RateLimited(value = "bulk", acceptedOnly = true)
    public Response bulk(@NotNull List<BulkUserItem> items, @Auth Caller caller) {
        if (items.isEmpty() || items.size() > MAX_BULK) {
            throw new InvalidException("body", "must list 1 to " + MAX_BULK + " users");
        }
        Violations v = new Violations();
        List<NewUser> valid = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            BulkUserItem item = items.get(i);
            if (item == null) {
                v.add("[" + i + "]", "must be an object with username and email");
                continue;
            }
            try {
                valid.add(NewUser.of(item.username(), item.email(), null, Role.USER));
            } catch (InvalidException e) {
                int index = i;
                e.errors().forEach(err -> v.add("[" + index + "]." + err.field(), err.message()));
            }
        }
        v.throwIfAny();
        BulkCreated created = new BulkCreated(users.insertAll(valid));
        kept.invalidate(Table.USERS); // committed: kept pages do not show them
        return Response.status(Response.Status.CREATED).entity(created).build();
    }
}
