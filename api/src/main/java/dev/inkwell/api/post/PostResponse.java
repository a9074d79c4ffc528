package dev.inkwell.api.post;

import dev.inkwell.domain.post.Post;

import java.time.OffsetDateTime;
import java.util.List;

/** A post on the wire, with its author, category (or null) and tag names. */
public record PostResponse(long id, String title, String content, boolean published, OffsetDateTime publishedAt,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt, long version,
                           Author author, CategoryRef category, List<String> tags) {

    public record Author(long id, String username) {
    }

    public record CategoryRef(long id, String name) {
    }

    public static PostResponse of(Post post) {
        return new PostResponse(post.id(), post.title(), post.content(), post.published(), post.publishedAt(),
                post.createdAt(), post.updatedAt(), post.version(),
                new Author(post.author().id(), post.author().username()),
                post.category() == null ? null : new CategoryRef(post.category().id(), post.category().name()),
                post.tags());
    }
}
