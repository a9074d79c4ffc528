package dev.inkwell.api.auth;

import dev.inkwell.persistence.problem.Problems;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** 401 as problem+json, with the challenge a client needs. */
public final class ProblemUnauthorizedHandler implements UnauthorizedHandler {
    static final String PREFIX = "Bearer";
    static final String REALM = "inkwell";

    /** The answer to a request without a token, as the authentication filter gives it (for checks made later). */
    static Response challenge() {
        return new ProblemUnauthorizedHandler().buildResponse(PREFIX, REALM);
    }

    @Override
    public Response buildResponse(String prefix, String realm) {
        return Problems.builder(Problems.Kind.UNAUTHORIZED,
                        "A valid token is required: POST /api/tokens, then send 'Authorization: Bearer <token>'.", List.of())
                .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
                .build();
    }
}
