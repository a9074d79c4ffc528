package dev.inkwell.api.error;

import dev.inkwell.persistence.problem.Problems;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.List;

/**
 * Errors Jersey and our resources raise with a status (unknown path 404, 405, 406, 415, 403...),
 * rewritten as problem+json while keeping headers such as {@code Allow}. Jersey's own statuses
 * say what to do instead ("HTTP 405 Method Not Allowed" does not); a missing entity is a domain
 * {@code NotFoundException} with its own mapper, so a 404 here is always a path with no route.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Problems.Kind kind = Problems.Kind.forStatus(status);
        Response.ResponseBuilder builder = Problems.builder(kind, status, detail(status, original, e), List.of(), null);
        for (String header : List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER)) {
            Object value = original.getHeaders().getFirst(header);
            if (value != null) {
                builder.header(header, value);
            }
        }
        return builder.build();
    }

    private static String detail(int status, Response original, WebApplicationException e) {
        return switch (status) {
            case 404 -> "No such route: this path is not part of the API (the paths are in /api/openapi.json).";
            case 405 -> "This method is not allowed on this path; allowed: " + allowed(original) + ".";
            case 406 -> "This path answers only " + MediaType.APPLICATION_JSON + " (errors as " + Problems.MEDIA_TYPE
                    + "): send 'Accept: " + MediaType.APPLICATION_JSON + "' or no Accept header.";
            case 415 -> "Send the request body as 'Content-Type: " + MediaType.APPLICATION_JSON + "'.";
            default -> status >= 500 ? "The server could not handle the request." : e.getMessage();
        };
    }

    /** The Allow header Jersey computed for the path, as "GET, PATCH". */
    private static String allowed(Response original) {
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        return allow == null || allow.isBlank() ? "see /api/openapi.json" : String.join(", ", allow.split("\\s*,\\s*"));
    }
}
