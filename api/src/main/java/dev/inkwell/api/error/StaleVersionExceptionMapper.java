package dev.inkwell.api.error;

import dev.inkwell.domain.StaleVersionException;
import dev.inkwell.persistence.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.List;

/**
 * An {@code If-Match} naming an old version: 412, its detail naming the current version. No
 * {@code ETag}: a post's tag names its JSON ({@code PostETag}), which a refused write has not read;
 * the client reads the post again for it.
 */
public final class StaleVersionExceptionMapper implements ExceptionMapper<StaleVersionException> {
    @Override
    public Response toResponse(StaleVersionException e) {
        return Problems.builder(Problems.Kind.STALE_VERSION, e.getMessage(), List.of())
                .build();
    }
}
