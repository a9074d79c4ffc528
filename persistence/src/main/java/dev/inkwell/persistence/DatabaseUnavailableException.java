package dev.inkwell.persistence;

/**
 * PostgreSQL cannot serve the request right now (no connection within the pool's wait, the
 * server restarting, a statement timeout): the client should retry later (HTTP 503).
 */
public final class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
