package dev.inkwell.api.error;

import dev.inkwell.api.auth.PasswordChecksBusyException;
import dev.inkwell.persistence.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** More sign-ups and sign-ins at once than the password hasher's slots serve in time: 503 with Retry-After. */
public final class PasswordChecksBusyExceptionMapper implements ExceptionMapper<PasswordChecksBusyException> {
    @Override
    public Response toResponse(PasswordChecksBusyException e) {
        return Problems.retryAfter(Problems.Kind.UNAVAILABLE, "Too many password checks at once; retry in a second.", 1);
    }
}
