package dev.inkwell.domain.post;

import dev.inkwell.domain.Violations;
import dev.inkwell.domain.tag.TagName;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A post to create, validated; tags are names, created on first use. {@code publishAt}, when set,
 * schedules the draft's publishing (a post scheduled is not published until then).
 */
public record NewPost(long authorId, Long categoryId, String title, String content, boolean published, List<String> tags,
                      OffsetDateTime publishAt) {

    /** A post published now or a draft, without a schedule. */
    public static NewPost of(long authorId, Long categoryId, String title, String content, Boolean published, List<String> tags) {
        return of(authorId, categoryId, title, content, published, tags, null);
    }

    public static NewPost of(long authorId, Long categoryId, String title, String content, Boolean published, List<String> tags,
                             OffsetDateTime publishAt) {
        Violations v = new Violations();
        v.collect(() -> PostRules.title(title));
        v.collect(() -> PostRules.content(content));
        List<String> names = tags == null ? List.of() : v.collect(() -> TagName.normalizeAll("tags", tags));
        if (publishAt != null) {
            v.collect(() -> PostRules.publishAt(publishAt, Instant.now()));
            v.collect(() -> {
                PostRules.scheduleOfDraft(published, publishAt);
                return null;
            });
        }
        v.throwIfAny();
        return new NewPost(authorId, categoryId, title, content, Boolean.TRUE.equals(published), names, publishAt);
    }

    /** The slug the title gives the post when no other post has it ({@link PostRules#slugOf}). */
    public String slugWords() {
        return PostRules.slugOf(title);
    }
}
