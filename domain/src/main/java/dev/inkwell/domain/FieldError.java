package dev.inkwell.domain;

import java.util.Objects;

/** One broken rule on one named input field, e.g. {@code ("username", "is already taken")}. */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + " " + message;
    }
}
