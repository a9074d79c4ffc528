package dev.inkwell.ops;

/**
 * A Dropwizard command of the jar failed, and Dropwizard's CLI has already said why (one line or
 * a stack trace): {@link Inkwell} only turns it into the exit status.
 */
final class CommandFailed extends RuntimeException {
    CommandFailed(Throwable cause) {
        super(cause);
    }
}
