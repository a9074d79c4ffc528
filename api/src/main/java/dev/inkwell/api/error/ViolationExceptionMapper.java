package dev.inkwell.api.error;

import dev.inkwell.domain.FieldError;
import dev.inkwell.persistence.problem.Problems;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Bean-validation failures of resource parameters: 422. A missing body (the only {@code
 * NotNull} on bodies) is reported as field {@code body}; bounded query parameters by name.
 */
public final class ViolationExceptionMapper implements ExceptionMapper<JerseyViolationException> {
    @Override
    public Response toResponse(JerseyViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new FieldError(field(v.getPropertyPath()), v.getMessage()));
        }
        return Problems.builder(Problems.Kind.INVALID, "The request has invalid fields.", errors).build();
    }

    /**
     * The wire name of the field at fault. Method parameters carry bean-validation constraints
     * only for request bodies ({@code @NotNull}), so a parameter is the body; query parameters
     * are checked by the domain rules instead.
     */
    private static String field(Path path) {
        String field = "body";
        for (Path.Node node : path) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                field = node.getName();
            }
        }
        return field;
    }
}
