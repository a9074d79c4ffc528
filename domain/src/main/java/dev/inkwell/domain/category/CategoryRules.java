package dev.inkwell.domain.category;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Text;

/** Rules for category names: 1–100 characters, not blank, no surrounding spaces. */
final class CategoryRules {
    private CategoryRules() {
    }

    static String name(String name) {
        Text.require("name", name, 1, Category.NAME_MAX);
        if (name.isBlank() || !name.equals(name.strip())) {
            throw new InvalidException("name", "must not be blank or start or end with spaces");
        }
        return name;
    }
}
