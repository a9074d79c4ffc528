package dev.inkwell.api.error;

import dev.inkwell.persistence.DatabaseUnavailableException;
import dev.inkwell.persistence.SqlErrors;
import dev.inkwell.persistence.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Anything else is our bug: 500 with an id that is also in the log next to the stack trace.
 * The answer carries no message, SQL or row contents. Except what only looks unexpected: a body
 * over the limit (413) and a body that could not be read ({@link UnreadableBody}, 400, logged
 * as one INFO line: a client's mistake is no reason to wake anyone).
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (PayloadTooLargeException.causes(e)) {
            return Problems.response(Problems.Kind.PAYLOAD_TOO_LARGE, PayloadTooLargeException.DETAIL);
        }
        Optional<String> unreadable = UnreadableBody.detail(e);
        if (unreadable.isPresent()) {
            LOG.info("unreadable request body: {}", e.toString());
            return Problems.response(Problems.Kind.MALFORMED, unreadable.get());
        }
        if (SqlErrors.isUnavailable(e)) { // a database failure no DAO translated (e.g. in the job storage): an outage, not a bug
            return new DatabaseUnavailableExceptionMapper().toResponse(new DatabaseUnavailableException("the database is unavailable", e));
        }
        String id = UUID.randomUUID().toString();
        LOG.error("unexpected error {}", id, e);
        return Problems.builder(Problems.Kind.INTERNAL, 500,
                "An unexpected error occurred; quote error id " + id + " when reporting it.", List.of(), id).build();
    }
}
