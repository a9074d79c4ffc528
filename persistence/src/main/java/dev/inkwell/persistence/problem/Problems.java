package dev.inkwell.persistence.problem;

import dev.inkwell.domain.FieldError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Builds problem+json responses; the one place that knows the problem types and their titles. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType TYPE = MediaType.valueOf(MEDIA_TYPE);

    /** The kinds of problem a client can meet; {@code type} is a stable identifier to code against. */
    public enum Kind {
        MALFORMED(400, "Malformed request"),
        UNAUTHORIZED(401, "Authentication required"),
        FORBIDDEN(403, "Not allowed"),
        NOT_FOUND(404, "Not found"),
        METHOD_NOT_ALLOWED(405, "Method not allowed"),
        NOT_ACCEPTABLE(406, "Not acceptable"),
        CONFLICT(409, "Conflict"),
        STALE_VERSION(412, "Precondition failed"),
        PAYLOAD_TOO_LARGE(413, "Payload too large"),
        UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
        INVALID(422, "Invalid input"),
        RATE_LIMITED(429, "Too many requests"),
        INTERNAL(500, "Internal server error"),
        UNAVAILABLE(503, "Service unavailable");

        final int status;
        final String title;

        Kind(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public String type() {
            return "/problems/" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public int status() {
            return status;
        }

        /** The kind for an HTTP status that has no more specific cause. */
        public static Kind forStatus(int status) {
            for (Kind kind : values()) {
                if (kind.status == status) {
                    return kind;
                }
            }
            return status >= 500 ? INTERNAL : MALFORMED;
        }
    }

    private Problems() {
    }

    public static Response.ResponseBuilder builder(Kind kind, String detail, List<FieldError> errors) {
        return builder(kind, kind.status, detail, errors, null);
    }

    public static Response.ResponseBuilder builder(Kind kind, int status, String detail, List<FieldError> errors, String errorId) {
        return Response.status(status).type(TYPE).entity(problem(kind, status, detail, errors, errorId));
    }

    /** The body of a problem answered while this thread serves a request: its id is {@link RequestId#current()}. */
    public static Problem problem(Kind kind, int status, String detail, List<FieldError> errors, String errorId) {
        return problem(kind, status, detail, errors, errorId, RequestId.current());
    }

    /** The body of a problem: what Jersey's answers and Jetty's own ({@link ProblemErrorHandler}) both write. */
    public static Problem problem(Kind kind, int status, String detail, List<FieldError> errors, String errorId, String requestId) {
        return new Problem(kind.type(), kind.title, status, detail, Problem.Error.of(errors), errorId, requestId);
    }

    public static Response response(Kind kind, String detail) {
        return builder(kind, detail, List.of()).build();
    }

    /** A problem the client should retry after {@code seconds} (429, 503), saying so in {@code Retry-After}. */
    public static Response retryAfter(Kind kind, String detail, long seconds) {
        return builder(kind, detail, List.of()).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).build();
    }
}
