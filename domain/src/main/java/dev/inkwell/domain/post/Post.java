package dev.inkwell.domain.post;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A post as readers see it, with its author, category and tag names embedded. {@code version}
 * starts at 1 and grows by one with every change (optimistic locking, the HTTP ETag).
 * {@code slug} is its unique address ({@link PostRules#slugOf}); {@code publishAt}, set only on a
 * draft, is when the worker is to publish it.
 * {@code commentCount} counts the comments readers see (hidden ones aside); comments do not
 * change the version (an author's {@code If-Match} stays good), only the JSON's ETag digest.
 */
public record Post(
        long id,
        String title,
        String slug,
        String content,
        boolean published,
        OffsetDateTime publishedAt,
        OffsetDateTime publishAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version,
        Author author,
        CategoryRef category,
        List<String> tags,
        int commentCount) {

    public static final int TITLE_MAX = 200;
    public static final int CONTENT_MAX = 100_000;

    public Post {
        tags = List.copyOf(tags);
    }

    /** The embedded author. */
    public record Author(long id, String username) {
    }

    /** The embedded category; null on the post when it has none. */
    public record CategoryRef(long id, String name) {
    }
}
