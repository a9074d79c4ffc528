package dev.inkwell.domain.tag;

/** A tag; names are unique regardless of case, and keep the case they were created with. */
public record Tag(long id, String name) {
}
