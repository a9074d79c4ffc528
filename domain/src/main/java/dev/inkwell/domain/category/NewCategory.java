package dev.inkwell.domain.category;

import dev.inkwell.domain.Text;
import dev.inkwell.domain.Violations;

/** A category to create, validated; the slug is derived from the name when none is given. */
public record NewCategory(String name, String slug, String description, Long parentId) {

    public static NewCategory of(String name, String slug, String description, Long parentId) {
        Violations v = new Violations();
        String n = v.collect(() -> CategoryRules.name(name));
        String s = slug != null ? v.collect(() -> Slug.validate(slug))
                : n == null ? null : v.collect(() -> Slug.fromName(n));
        v.collect(() -> Text.optional("description", description, Category.DESCRIPTION_MAX));
        v.throwIfAny();
        return new NewCategory(n, s, description, parentId);
    }
}
