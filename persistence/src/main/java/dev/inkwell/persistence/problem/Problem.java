package dev.inkwell.persistence.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.inkwell.domain.FieldError;

import java.util.List;

/**
 * The body of every 4xx and 5xx answer (RFC 9457, {@code application/problem+json}).
 * {@code errors} names the fields at fault; {@code error_id} ties a 500 to its stack trace in the
 * server log; {@code request_id} is the request's {@link RequestId} (in every log line of the
 * request). Snake case whichever mapper writes it (Jersey's, or {@link ProblemErrorHandler}'s own).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Problem(String type, String title, int status, String detail, List<Error> errors, String errorId,
                      String requestId) {

    /** One field at fault: its JSON name (or {@code [i].name} inside an array) and what is wrong. */
    public record Error(String field, String message) {
        static List<Error> of(List<FieldError> errors) {
            return errors.isEmpty() ? null : errors.stream().map(e -> new Error(e.field(), e.message())).toList();
        }
    }
}
