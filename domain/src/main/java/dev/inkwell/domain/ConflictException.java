package dev.inkwell.domain;

import java.util.List;

/**
 * The request clashes with the current state: a duplicate of a unique value, a delete of
 * something still referenced, or a concurrent change that won. {@link #errors()} names the
 * offending fields when they are known.
 */
public class ConflictException extends DomainException {
    private final List<FieldError> errors;

    public ConflictException(String message, List<FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public ConflictException(String message) {
        this(message, List.of());
    }

    public List<FieldError> errors() {
        return errors;
    }
}
