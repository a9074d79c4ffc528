package dev.inkwell.api.category;

import dev.inkwell.domain.category.Category;
import dev.inkwell.persistence.category.CategoryPages.CategoryTree;

import java.util.List;

/** A category on the wire, with its direct children. */
public record CategoryResponse(long id, String name, String slug, String description, Long parentId, List<Child> children) {

    /** A child category, in short. */
    public record Child(long id, String name, String slug) {
    }

    /** A category of a list page, with its children. */
    public static CategoryResponse of(CategoryTree tree) {
        return of(tree.category(), tree.children());
    }

    static CategoryResponse of(Category category, List<Category> children) {
        return new CategoryResponse(category.id(), category.name(), category.slug(), category.description(),
                category.parentId(), children.stream().map(c -> new Child(c.id(), c.name(), c.slug())).toList());
    }
}
