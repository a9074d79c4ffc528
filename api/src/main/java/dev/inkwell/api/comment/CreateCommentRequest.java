package dev.inkwell.api.comment;

/** {@code POST /api/posts/{id}/comments}: the text, and the comment it answers (absent or null: the post). */
public record CreateCommentRequest(String body, Long parentId) {
}
