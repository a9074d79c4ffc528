package dev.inkwell.domain.post;

import dev.inkwell.domain.Violations;
import dev.inkwell.domain.tag.TagName;

import java.util.List;

/** A post to create, validated; tags are names, created on first use. */
public record NewPost(long authorId, Long categoryId, String title, String content, boolean published, List<String> tags) {

    public static NewPost of(long authorId, Long categoryId, String title, String content, Boolean published, List<String> tags) {
        Violations v = new Violations();
        v.collect(() -> PostRules.title(title));
        v.collect(() -> PostRules.content(content));
        List<String> names = tags == null ? List.of() : v.collect(() -> TagName.normalizeAll("tags", tags));
        v.throwIfAny();
        return new NewPost(authorId, categoryId, title, content, Boolean.TRUE.equals(published), names);
    }
}
