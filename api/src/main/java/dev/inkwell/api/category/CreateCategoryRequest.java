package dev.inkwell.api.category;

/** {@code POST /api/categories}; the slug is derived from the name when absent. */
public record CreateCategoryRequest(String name, String slug, String description, Long parentId) {
}
