package dev.inkwell.persistence.comment;

import dev.inkwell.domain.comment.Comment;
import dev.inkwell.persistence.post.PostCache;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.util.Optional;

/**
 * Every write of comments. A new, hidden, shown again or deleted comment changes its post's
 * comment count (in the comment's own transaction, by triggers), and the post's JSON carries
 * that count: each such write is followed, once it committed, by the invalidation of the post's
 * cached copy and the kept list pages, as a post's own write is. An edit of a body changes no
 * count and invalidates nothing.
 */
public final class CommentWrites {
    private final CommentDao comments;
    private final PostCache postCache;

    public CommentWrites(Jdbi jdbi, PostCache postCache) {
        this.comments = jdbi.onDemand(CommentDao.class);
        this.postCache = postCache;
    }

    /** {@link CommentDao#insert}: empty when post {@code postId} does not exist or is not published. */
    public Optional<Comment> create(long postId, Long parentId, long authorId, String body) {
        Optional<Comment> created = postCache.writing(postId, () -> comments.insert(postId, parentId, authorId, body));
        created.ifPresent(c -> postCache.invalidate(postId));
        return created;
    }

    /** {@link CommentDao#edit} within {@code window} of the comment's creation. */
    public Optional<Comment> edit(long postId, long id, long editorId, String body, Duration window) {
        return comments.edit(postId, id, editorId, body, window.toSeconds());
    }

    /** {@link CommentDao#setHidden}; true when it changed the comment (and so its post's count). */
    public boolean setHidden(long postId, long id, boolean hidden) {
        boolean changed = postCache.writing(postId, () -> comments.setHidden(postId, id, hidden));
        if (changed) {
            postCache.invalidate(postId);
        }
        return changed;
    }

    /** {@link CommentDao#delete}: the comment and its replies; false when there was none. */
    public boolean delete(long postId, long id) {
        boolean deleted = postCache.writing(postId, () -> comments.delete(postId, id));
        if (deleted) {
            postCache.invalidate(postId);
        }
        return deleted;
    }
}
