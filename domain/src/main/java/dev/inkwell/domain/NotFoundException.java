package dev.inkwell.domain;

/** The named thing does not exist (or is not visible to the caller). */
public final class NotFoundException extends DomainException {
    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
