package dev.inkwell.domain;

/** A conditional write named a version that is no longer current (HTTP 412). */
public final class StaleVersionException extends DomainException {
    private final long currentVersion;

    public StaleVersionException(String what, long expectedVersion, long currentVersion) {
        super(what + " is at version " + currentVersion + ", not " + expectedVersion);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
