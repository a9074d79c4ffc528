package dev.inkwell.api.error;

import dev.inkwell.domain.FieldError;
import dev.inkwell.persistence.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ParamException;

import java.util.List;

/** A path, query or header parameter that cannot be read as its type ({@code ?page=abc}): 400. */
public final class ParamExceptionMapper implements ExceptionMapper<ParamException> {
    @Override
    public Response toResponse(ParamException e) {
        String name = e.getParameterName() == null || e.getParameterName().isEmpty() ? "parameter" : e.getParameterName();
        return Problems.builder(Problems.Kind.MALFORMED, "A parameter has the wrong type.",
                List.of(new FieldError(name, "has the wrong type or an out-of-range value"))).build();
    }
}
