package dev.inkwell.api.user;

import com.codahale.metrics.Meter;
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
import jakarta.ws.rs.GET;
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
    private final Meter failed;

    /** What the 429 of an account whose failure bucket is empty says there were too many of. */
    static final String TOO_MANY = "Too many failed sign-ins for this account";

    /**
     * {@code failures}: failed sign-ins per account (the limit "signInFailures"); {@code failed}:
     * every failed sign-in, for operators (a rise is someone guessing passwords).
     */
    public TokensResource(UserDao users, PasswordHasher hasher, Tokens tokens, RateLimiter failures, Meter failed) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.failures = failures;
        this.failed = failed;
    }

    /**
     * 201 with a token; 401 alike for an unknown user, a wrong password or a deactivated user.
     * Failed sign-ins are counted per username, from any address, known or not (so the limit
     * tells nobody which usernames exist): each check takes a token of the username's bucket
     * first and a right password gives it back. With the bucket empty the username answers 429
     * with Retry-After, even for the right password, until a token comes back.
     */
    @POST
    @RateLimited("tokens")
    public Response issue(@NotNull TokenRequest request) {
        String password = request.password() == null ? "" : request.password();
        String account = request.username() == null || request.username().length() > 64
                ? null : request.username().toLowerCase(Locale.ROOT);
        if (account == null) {
            hasher.burn(password);
            throw unauthorized();
        }
        Optional<Credentials> credentials = users.findCredentials(request.username());
        boolean ok = failures.attempt(account, TOO_MANY, () -> {
            if (credentials.isEmpty()) {
                hasher.burn(password); // the same time as a real check: no telling which usernames exist
                return false;
            }
            return hasher.verify(password, credentials.get().passwordHash()) && credentials.get().active();
        });
        if (!ok) {
            throw unauthorized();
        }
        // The password verified may have changed since, or the user been deactivated: then no token.
        Tokens.Issued issued = tokens.issue(credentials.get().userId(), credentials.get().passwordHash())
                .orElseThrow(this::unauthorized);
        return Response.status(Response.Status.CREATED).entity(new TokenResponse(issued.token(), issued.expiresAt())).build();
    }

    private NotAuthorizedException unauthorized() {
        failed.mark();
        return new NotAuthorizedException(Problems.builder(Problems.Kind.UNAUTHORIZED,
                "Unknown username or wrong password.", List.of()).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"inkwell\"").build());
    }

    /** Who the token of this request signs in (the console asks once after sign-in, to know the role). */
    @GET
    @Path("/current")
    public UserResponse current(@Auth Caller caller) {
        return UserResponse.of(caller.user(), Optional.of(caller));
    }

    /** Sign-out: the token of this request stops working. */
    @DELETE
    @Path("/current")
    public Response revoke(@Auth Caller caller, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        tokens.revoke(authorization.substring("Bearer ".length()).strip());
        return Response.noContent().build();
    }
}
