package dev.inkwell.api.comment;

import dev.inkwell.api.auth.Caller;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.persistence.comment.CommentDao;
import dev.inkwell.persistence.comment.CommentPages;
import dev.inkwell.persistence.post.PostDao;

import java.util.Optional;

/**
 * Who sees which comments. A post's comments are seen by whoever sees the post (published: everyone;
 * a draft: its author and admins, 404 for others, as the post itself). A hidden comment is seen by
 * the post's author and admins (who moderate) and by the comment's own author (who learns that it
 * was hidden); to everyone else it does not exist (404, left out of pages and of the post's count).
 */
public final class CommentAccess {
    private final PostDao posts;
    private final CommentDao comments;

    public CommentAccess(PostDao posts, CommentDao comments) {
        this.posts = posts;
        this.comments = comments;
    }

    /** Post {@code postId}'s head when the caller may see the post; 404 otherwise. */
    PostDao.Head post(long postId, Optional<Caller> caller) {
        PostDao.Head post = posts.findHead(postId).orElseThrow(() -> new NotFoundException("post", postId));
        if (!post.published() && !caller.map(c -> c.mayChange(post.authorId())).orElse(false)) {
            throw new NotFoundException("post", postId);
        }
        return post;
    }

    /** Which of the post's comments the caller reads. */
    static CommentPages.Reader reader(long postAuthorId, Optional<Caller> caller) {
        return new CommentPages.Reader(caller.map(Caller::id).orElse(0L), moderates(postAuthorId, caller));
    }

    /** The post's author and admins hide, show and delete any comment on the post. */
    static boolean moderates(long postAuthorId, Optional<Caller> caller) {
        return caller.map(c -> c.mayChange(postAuthorId)).orElse(false);
    }

    /** Comment {@code id} of post {@code postId}'s head when the caller may see it; 404 otherwise. */
    CommentDao.Head comment(long postId, long id, Optional<Caller> caller) {
        CommentDao.Head comment = comments.findHead(postId, id).orElseThrow(() -> new NotFoundException("comment", id));
        boolean seesPost = comment.postPublished() || moderates(comment.postAuthorId(), caller);
        boolean seesComment = !comment.hidden() || moderates(comment.postAuthorId(), caller)
                || caller.map(c -> c.id() == comment.authorId()).orElse(false);
        if (!seesPost || !seesComment) {
            throw new NotFoundException("comment", id);
        }
        return comment;
    }
}
