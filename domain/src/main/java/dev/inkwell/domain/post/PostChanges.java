package dev.inkwell.domain.post;

import dev.inkwell.domain.Violations;
import dev.inkwell.domain.tag.TagName;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A partial update of a post: null fields stay as they are; {@code tags}, when given, replaces
 * the whole set. {@code categoryChanged} tells "remove the category" ({@code categoryId} null)
 * apart from "category not mentioned", and {@code publishAtChanged} "cancel the schedule"
 * ({@code publishAt} null) apart from "schedule not mentioned". {@code published}, when given,
 * decides now and cancels a schedule unless the same change sets one (only on a draft).
 */
public record PostChanges(String title, String content, boolean categoryChanged, Long categoryId,
                          Boolean published, List<String> tags, String slug, boolean publishAtChanged, OffsetDateTime publishAt) {

    /** Changes that leave the slug and the schedule as they are. */
    public static PostChanges of(String title, String content, boolean categoryChanged, Long categoryId,
                                 Boolean published, List<String> tags) {
        return of(title, content, categoryChanged, categoryId, published, tags, null, false, null);
    }

    public static PostChanges of(String title, String content, boolean categoryChanged, Long categoryId,
                                 Boolean published, List<String> tags, String slug, boolean publishAtChanged, OffsetDateTime publishAt) {
        Violations v = new Violations();
        if (title != null) {
            v.collect(() -> PostRules.title(title));
        }
        if (content != null) {
            v.collect(() -> PostRules.content(content));
        }
        List<String> names = tags == null ? null : v.collect(() -> TagName.normalizeAll("tags", tags));
        if (slug != null) {
            v.collect(() -> PostRules.slug(slug));
        }
        if (publishAt != null) {
            v.collect(() -> PostRules.publishAt(publishAt, Instant.now()));
            v.collect(() -> {
                PostRules.scheduleOfDraft(published, publishAt);
                return null;
            });
        }
        v.throwIfAny();
        return new PostChanges(title, content, categoryChanged, categoryId, published, names, slug, publishAtChanged, publishAt);
    }
}
