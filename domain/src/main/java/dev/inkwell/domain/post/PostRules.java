package dev.inkwell.domain.post;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Text;
import dev.inkwell.domain.category.Slug;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Value rules shared by new posts and changes to posts. */
public final class PostRules {
    /**
     * How long the words of a title may make a slug: room is left for "-" and a post id, the
     * suffix of a slug whose words another post has (the whole stays within {@link Slug#MAX}).
     */
    public static final int SLUG_WORDS_MAX = 80;
    /** The slug of a title without ASCII letters or digits (then the post's id makes it unique). */
    public static final String UNTITLED_SLUG = "post";

    private PostRules() {
    }

    /** The slug a new post's title gives it when free: its words ({@link Slug#words}), or {@value #UNTITLED_SLUG}. */
    public static String slugOf(String title) {
        String words = Slug.words(title, SLUG_WORDS_MAX);
        return words.isEmpty() ? UNTITLED_SLUG : words;
    }

    static String slug(String slug) {
        return Slug.validate(slug);
    }

    /** The latest time a post may be scheduled for: within what every database and client can hold. */
    static final Instant LATEST_SCHEDULE = Instant.parse("9999-12-31T23:59:59Z");

    /** A time to publish at: later than {@code now} (a time past is no schedule: publish the post instead). */
    static OffsetDateTime publishAt(OffsetDateTime publishAt, Instant now) {
        if (!publishAt.toInstant().isAfter(now)) {
            throw new InvalidException("publish_at", "must be in the future; to publish now, set \"published\": true");
        }
        if (publishAt.toInstant().isAfter(LATEST_SCHEDULE)) {
            throw new InvalidException("publish_at", "must be before the year 10000");
        }
        return publishAt;
    }

    /** A schedule is for drafts: {@code "published": true} with a {@code publish_at} contradicts it. */
    static void scheduleOfDraft(Boolean published, OffsetDateTime publishAt) {
        if (publishAt != null && Boolean.TRUE.equals(published)) {
            throw new InvalidException("publish_at", "cannot be set with \"published\": true; a scheduled post is a draft until then");
        }
    }

    static String title(String title) {
        Text.require("title", title, 1, Post.TITLE_MAX);
        if (title.isBlank()) {
            throw new InvalidException("title", "must not be blank");
        }
        return title;
    }

    static String content(String content) {
        return Text.require("content", content, 0, Post.CONTENT_MAX);
    }
}
