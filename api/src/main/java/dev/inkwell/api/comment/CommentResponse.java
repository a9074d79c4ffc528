package dev.inkwell.api.comment;

import dev.inkwell.domain.comment.Comment;

import java.time.OffsetDateTime;

/** A comment on the wire: where it is in its thread (parent, depth), who wrote it, and whether it is hidden. */
public record CommentResponse(long id, long postId, Long parentId, int depth, Author author, String body, boolean hidden,
                              OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public record Author(long id, String username) {
    }

    public static CommentResponse of(Comment c) {
        return new CommentResponse(c.id(), c.postId(), c.parentId(), c.depth(),
                new Author(c.author().id(), c.author().username()), c.body(), c.hidden(), c.createdAt(), c.updatedAt());
    }
}
