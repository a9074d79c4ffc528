package dev.inkwell.domain;

import java.util.List;

/** Input breaks a value rule (length, syntax, a reference to something that does not exist). */
public final class InvalidException extends DomainException {
    private final List<FieldError> errors;

    public InvalidException(List<FieldError> errors) {
        super(describe(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an InvalidException needs at least one field error");
        }
        this.errors = List.copyOf(errors);
    }

    public InvalidException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        return "invalid input: " + String.join("; ", errors.stream().map(FieldError::toString).toList());
    }
}
