package dev.inkwell.api.error;

import dev.inkwell.persistence.DatabaseUnavailableException;
import dev.inkwell.persistence.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL cannot answer now (pool exhausted, restarting, too slow): 503 with Retry-After.
 * Logged as one line with the root cause, no stack trace: an outage answers every request this
 * way, and a trace each (over a hundred lines) buried the log under 80,000 lines in 3 seconds.
 */
public final class DatabaseUnavailableExceptionMapper implements ExceptionMapper<DatabaseUnavailableException> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableExceptionMapper.class);

    @Override
    public Response toResponse(DatabaseUnavailableException e) {
        LOG.warn("database unavailable: {} ({})", e.getMessage(), rootCause(e));
        return Problems.retryAfter(Problems.Kind.UNAVAILABLE, "The database is unavailable; retry shortly.", 5);
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
