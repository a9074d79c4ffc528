package dev.inkwell.api.user;

import dev.inkwell.api.auth.PasswordHasher;
import dev.inkwell.api.auth.Tokens;
import dev.inkwell.persistence.problem.Problems;
import dev.inkwell.domain.user.Credentials;
import dev.inkwell.persistence.user.UserDao;
import dev.inkwell.api.limit.RateLimited;
import dev.inkwell.api.limit.RateLimiter;
import io.dropwizard.auth.Auth;
import dev.inkwell.api.auth.Caller;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Sign-in (a bearer token for username and password) and sign-out. */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class TokensResource {
    private final UserDao users;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final RateLimiter failures;

    /** {@code failures}: failed sign-ins per account (the limit "signInFailures"). */
    public TokensResource(UserDao users, PasswordHasher hasher, Tokens tokens, RateLimiter failures) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.failures = failures;
    }

    /**
     * 201 with a token; 401 alike for an unknown user, a wrong password or a deactivated user.
     * Failed sign-ins are counted per username, from any address, known or not (so the limit
     * tells nobody which usernames exist): past the limit the username answers 429 with
     * Retry-After, even for the right password, until a token of its bucket comes back.
     */
    @POST
    @RateLimited("tokens")
    public Response issue(@NotNull TokenRequest request) {
        String password = request.password() == null ? "" : request.password();
        String account = request.username() == null || request.username().length() > 64
                ? null : request.username().toLowerCase(Locale.ROOT);
        long wait = account == null ? 0 : failures.secondsToWait(account);
        if (wait > 0) {
            return RateLimiter.refusal("Too many failed sign-ins for this account", wait);
        }
        Optional<Credentials> credentials = account == null ? Optional.empty() : users.findCredentials(request.username());
        boolean ok;
        if (credentials.isEmpty()) {
            hasher.burn(password); // the same time as a real check: no telling which usernames exist
            ok = false;
        } else {
            ok = hasher.verify(password, credentials.get().passwordHash()) && credentials.get().active();
        }
        if (!ok) {
            if (account != null) {
                failures.acquire(account);
            }
            throw new NotAuthorizedException(Problems.builder(Problems.Kind.UNAUTHORIZED,
                    "Unknown username or wrong password.", List.of()).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"inkwell\"").build());
        }
        Tokens.Issued issued = tokens.issue(credentials.get().userId());
        return Response.status(Response.Status.CREATED).entity(new TokenResponse(issued.token(), issued.expiresAt())).build();
    }

    /** Sign-out: the token of this request stops working. */
    @DELETE
    @Path("/current")
    public Response revoke(@Auth Caller caller, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        tokens.revoke(authorization.substring("Bearer ".length()).strip());
        return Response.noContent().build();
    }
}
