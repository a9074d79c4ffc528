package dev.inkwell.worker.backup;

/** A backup or restore step failed; the message says which and why, for the job's error. */
public final class BackupException extends RuntimeException {
    public BackupException(String message) {
        super(message);
    }
}
