package dev.inkwell.api.error;

import dev.inkwell.persistence.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.Locale;
import java.util.Set;

/**
 * Refuses a body in a {@code Content-Encoding} the server does not decode (415, naming those it
 * does). Jetty inflates gzip before Jersey; any other encoding would reach the JSON reader as
 * raw bytes and be misread as broken (or, worse, valid) JSON.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public final class ContentEncodings implements ContainerRequestFilter {
    static final Set<String> READ = Set.of("identity", "gzip");

    @Override
    public void filter(ContainerRequestContext request) {
        for (String header : request.getHeaders().getOrDefault(HttpHeaders.CONTENT_ENCODING, java.util.List.of())) {
            for (String encoding : header.split(",")) {
                String name = encoding.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !READ.contains(name)) {
                    request.abortWith(Problems.response(Problems.Kind.UNSUPPORTED_MEDIA_TYPE,
                            "The request body's Content-Encoding is not one read here: send the body as gzip, "
                                    + "or as identity (no Content-Encoding)."));
                    return;
                }
            }
        }
    }
}
