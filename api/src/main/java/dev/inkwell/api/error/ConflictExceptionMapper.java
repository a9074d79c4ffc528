package dev.inkwell.api.error;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.persistence.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A clash with the current state (duplicates, still-referenced data, a lost race): 409. */
public final class ConflictExceptionMapper implements ExceptionMapper<ConflictException> {
    @Override
    public Response toResponse(ConflictException e) {
        return Problems.builder(Problems.Kind.CONFLICT, e.getMessage(), e.errors()).build();
    }
}
