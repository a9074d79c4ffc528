package dev.inkwell.domain;

import java.util.ArrayList;
import java.util.List;

/** Collects every broken rule of one input so that a client hears about all of them at once. */
public final class Violations {
    private final List<FieldError> errors = new ArrayList<>();

    public Violations add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public Violations check(boolean ok, String field, String message) {
        if (!ok) {
            add(field, message);
        }
        return this;
    }

    /** Runs a rule that throws {@link InvalidException} and keeps its errors instead. */
    public <T> T collect(java.util.function.Supplier<T> rule) {
        try {
            return rule.get();
        } catch (InvalidException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidException(errors);
        }
    }
}
