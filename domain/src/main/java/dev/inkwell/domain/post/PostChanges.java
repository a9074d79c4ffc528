package dev.inkwell.domain.post;

import dev.inkwell.domain.Violations;
import dev.inkwell.domain.tag.TagName;

import java.util.List;

/**
 * A partial update of a post: null fields stay as they are; {@code tags}, when given, replaces
 * the whole set. {@code categoryChanged} tells "remove the category" ({@code categoryId} null)
 * apart from "category not mentioned".
 */
public record PostChanges(String title, String content, boolean categoryChanged, Long categoryId,
                          Boolean published, List<String> tags) {

    public static PostChanges of(String title, String content, boolean categoryChanged, Long categoryId,
                                 Boolean published, List<String> tags) {
        Violations v = new Violations();
        if (title != null) {
            v.collect(() -> PostRules.title(title));
        }
        if (content != null) {
            v.collect(() -> PostRules.content(content));
        }
        List<String> names = tags == null ? null : v.collect(() -> TagName.normalizeAll("tags", tags));
        v.throwIfAny();
        return new PostChanges(title, content, categoryChanged, categoryId, published, names);
    }
}
