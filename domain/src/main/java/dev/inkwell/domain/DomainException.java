package dev.inkwell.domain;

/** A rule of the domain was broken; each subclass maps to one kind of client-facing error. */
public abstract class DomainException extends RuntimeException {
    protected DomainException(String message) {
        super(message);
    }

    protected DomainException(String message, Throwable cause) {
        super(message, cause);
    }
}
