package dev.inkwell.api.error;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.persistence.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Input that breaks a rule: 422 naming every field at fault. */
public final class InvalidExceptionMapper implements ExceptionMapper<InvalidException> {
    @Override
    public Response toResponse(InvalidException e) {
        return Problems.builder(Problems.Kind.INVALID, "The request has invalid fields.", e.errors()).build();
    }
}
