package dev.inkwell.ops.local;

/**
 * Why local mode cannot start, said in one line that tells the user what to do; the launcher
 * prints it without a stack trace (the cause is the user's setup, not a defect) and exits 1.
 */
public final class LocalModeException extends RuntimeException {
    LocalModeException(String message) {
        super(message);
    }
}
