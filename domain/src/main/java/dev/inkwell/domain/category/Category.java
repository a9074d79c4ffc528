package dev.inkwell.domain.category;

/** A node of the category tree; {@code parentId} is null for a root. */
public record Category(long id, String name, String slug, String description, Long parentId) {
    public static final int NAME_MAX = 100;
    public static final int DESCRIPTION_MAX = 2000;
}
