package dev.inkwell.api.auth;

import dev.inkwell.persistence.problem.Problems;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * 401 as problem+json, with the challenge a client needs.
 *
 * <p>The authentication filter throws its exception for every request without a token, also on the
 * endpoints where signing in is optional (every read), where Dropwizard catches and drops it: a
 * stack trace filled for nothing on each anonymous list or search page, about 3% of the api's CPU
 * on a kept list page (async-profiler). The exception carries no stack trace: it is an answer,
 * never logged as an error.
 */
public final class ProblemUnauthorizedHandler implements UnauthorizedHandler {
    static final String PREFIX = "Bearer";
    static final String REALM = "inkwell";

    /** The answer to a request without a token, as the authentication filter gives it (for checks made later). */
    static Response challenge() {
        return new ProblemUnauthorizedHandler().buildResponse(PREFIX, REALM);
    }

    @Override
    public RuntimeException buildException(String prefix, String realm) {
        return new WebApplicationException(buildResponse(prefix, realm)) {
            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        };
    }

    @Override
    public Response buildResponse(String prefix, String realm) {
        return Problems.builder(Problems.Kind.UNAUTHORIZED,
                        "A valid token is required: POST /api/tokens, then send 'Authorization: Bearer <token>'.", List.of())
                .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
                .build();
    }
}
