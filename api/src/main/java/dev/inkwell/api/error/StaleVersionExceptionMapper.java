package dev.inkwell.api.error;

import dev.inkwell.domain.StaleVersionException;
import dev.inkwell.persistence.problem.Problems;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.List;

/** An {@code If-Match} naming an old version: 412, with the current version as ETag. */
public final class StaleVersionExceptionMapper implements ExceptionMapper<StaleVersionException> {
    @Override
    public Response toResponse(StaleVersionException e) {
        return Problems.builder(Problems.Kind.STALE_VERSION, e.getMessage(), List.of())
                .tag(new EntityTag(Long.toString(e.currentVersion())))
                .build();
    }
}
