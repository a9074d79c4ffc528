package dev.inkwell.persistence.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.inkwell.domain.FieldError;

import java.util.List;

/**
 * The body of every 4xx and 5xx answer (RFC 9457, {@code application/problem+json}).
 * {@code errors} names the fields at fault; {@code error_id} ties a 500 to the server log.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Error> errors, String errorId) {

    /** One field at fault: its JSON name (or {@code [i].name} inside an array) and what is wrong. */
    public record Error(String field, String message) {
        static List<Error> of(List<FieldError> errors) {
            return errors.isEmpty() ? null : errors.stream().map(e -> new Error(e.field(), e.message())).toList();
        }
    }
}
