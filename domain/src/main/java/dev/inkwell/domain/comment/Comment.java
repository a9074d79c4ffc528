package dev.inkwell.domain.comment;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Text;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A comment on a post: an answer to the post ({@code parentId} null) or to another comment of the
 * same post. {@code path} is its ancestry, the ids from its thread's top comment down to itself
 * (its depth is the path's length less one); the database sets it and keeps it with the rules of
 * the thread (same post, at most {@value #MAX_LEVELS} levels, never moved).
 */
public record Comment(long id, long postId, Long parentId, List<Long> path, Author author, String body, boolean hidden,
                      OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The longest body, in characters (as the database's check counts them). */
    public static final int BODY_MAX = 10_000;
    /** How deep a thread goes: a top comment and up to five levels of replies. */
    public static final int MAX_LEVELS = 6;

    public Comment {
        path = List.copyOf(path);
    }

    /** The comment's author. */
    public record Author(long id, String username) {
    }

    /** 0 for an answer to the post, 1 for a reply to one, and so on. */
    public int depth() {
        return path.size() - 1;
    }

    /** {@code body} if it is a comment's text: 1 to {@value #BODY_MAX} characters, no control characters but newline and tab. */
    public static String body(String body) {
        if (body != null && body.isBlank()) {
            throw new InvalidException("body", "must not be blank");
        }
        return Text.require("body", body, 1, BODY_MAX);
    }
}
