package dev.inkwell.domain.category;

import dev.inkwell.domain.Text;
import dev.inkwell.domain.Violations;

/**
 * A partial update of a category: null fields stay as they are. {@code descriptionChanged} and
 * {@code parentChanged} tell clearing the description or a move to the root (the value null)
 * apart from "not mentioned".
 */
public record CategoryChanges(String name, String slug, boolean descriptionChanged, String description,
                              boolean parentChanged, Long parentId) {

    public static CategoryChanges of(String name, String slug, boolean descriptionChanged, String description,
                                     boolean parentChanged, Long parentId) {
        Violations v = new Violations();
        if (name != null) {
            v.collect(() -> CategoryRules.name(name));
        }
        if (slug != null) {
            v.collect(() -> Slug.validate(slug));
        }
        v.collect(() -> Text.optional("description", description, Category.DESCRIPTION_MAX));
        v.throwIfAny();
        return new CategoryChanges(name, slug, descriptionChanged, description, parentChanged, parentId);
    }
}
