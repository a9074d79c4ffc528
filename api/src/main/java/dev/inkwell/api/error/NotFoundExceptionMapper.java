package dev.inkwell.api.error;

import dev.inkwell.domain.NotFoundException;
import dev.inkwell.persistence.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A missing (or invisible) entity: 404. */
public final class NotFoundExceptionMapper implements ExceptionMapper<NotFoundException> {
    @Override
    public Response toResponse(NotFoundException e) {
        return Problems.response(Problems.Kind.NOT_FOUND, e.getMessage());
    }
}
