package dev.inkwell.api.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.List;

/**
 * Errors Jersey and our resources raise with a status (unknown path 404, 405, 406, 415, 403...),
 * rewritten as problem+json while keeping headers such as {@code Allow}.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Problems.Kind kind = Problems.Kind.forStatus(status);
        String detail = status >= 500 ? "The server could not handle the request." : e.getMessage();
        Response.ResponseBuilder builder = Problems.builder(kind, status, detail, List.of(), null);
        for (String header : List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER)) {
            Object value = original.getHeaders().getFirst(header);
            if (value != null) {
                builder.header(header, value);
            }
        }
        return builder.build();
    }
}
