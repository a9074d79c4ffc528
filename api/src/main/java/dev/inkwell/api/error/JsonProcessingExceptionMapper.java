package dev.inkwell.api.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.persistence.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.List;

/**
 * Bodies Jackson cannot read. Broken JSON is 400 (a key given twice too); JSON whose fields are unknown or of the wrong
 * type (a string for a number, a number too large) is 422 naming the field.
 */
public final class JsonProcessingExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
        if (PayloadTooLargeException.causes(e)) {
            return Problems.response(Problems.Kind.PAYLOAD_TOO_LARGE, PayloadTooLargeException.DETAIL);
        }
        if (isParseError(e)) {
            return Problems.response(Problems.Kind.MALFORMED, "The request body is not valid JSON" + duplicate(e) + ".");
        }
        if (e instanceof JsonMappingException d && !d.getPath().isEmpty()) {
            String field = path(d.getPath());
            String message = e instanceof UnrecognizedPropertyException ? "is not a known field"
                    : e instanceof InvalidNullException ? "must not be null (leave it out to keep it)"
                    : "has the wrong type or an out-of-range value";
            return Problems.builder(Problems.Kind.INVALID, "The request body has invalid fields.",
                    List.of(new FieldError(field, message))).build();
        }
        if (e instanceof JsonMappingException) {
            return Problems.response(Problems.Kind.MALFORMED, "The request body does not have the expected JSON shape.");
        }
        return Problems.response(Problems.Kind.MALFORMED, "The request body is not valid JSON.");
    }

    /** Broken JSON syntax, also when Jackson reports it wrapped with the field it was reading. */
    private static boolean isParseError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException && !(t instanceof InputCoercionException)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Jackson reports a repeated key (refused: which of the two values was meant?) only in its
     * message, as "Duplicate field 'name'"; that field is worth naming.
     */
    private static String duplicate(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message != null && message.startsWith("Duplicate field ")
                ? ": the field " + message.substring("Duplicate field ".length()) + " appears more than once" : "";
    }

    private static String path(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }
}
