package dev.inkwell.api.error;

import dev.inkwell.persistence.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A body past the size limit: 413. */
public final class PayloadTooLargeExceptionMapper implements ExceptionMapper<PayloadTooLargeException> {
    @Override
    public Response toResponse(PayloadTooLargeException e) {
        return Problems.response(Problems.Kind.PAYLOAD_TOO_LARGE, PayloadTooLargeException.DETAIL);
    }
}
