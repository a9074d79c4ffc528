package dev.inkwell.api.tag;

/** {@code POST /api/tags} and {@code PATCH /api/tags/{id}}: the name. */
public record TagRequest(String name) {
}
