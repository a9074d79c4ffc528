package dev.inkwell.api.comment;

import dev.inkwell.api.auth.Access;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.domain.comment.Comment;
import dev.inkwell.persistence.comment.CommentDao;
import dev.inkwell.persistence.comment.CommentWrites;
import io.dropwizard.auth.Auth;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.Optional;

/**
 * One comment. Its author edits its body for {@code commentEditWindow} after writing it (403
 * after that: the comment stays as it is); the post's author and admins hide and show it; all
 * three may delete it, which deletes its replies too. A comment the caller may not see is 404
 * ({@link CommentAccess}); one they see but may not change this way is 403.
 */
@Path("/api/posts/{id}/comments/{commentId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class CommentResource {
    private final CommentDao comments;
    private final CommentWrites writes;
    private final CommentAccess access;
    private final Duration editWindow;

    public CommentResource(CommentDao comments, CommentWrites writes, CommentAccess access, Duration editWindow) {
        this.comments = comments;
        this.writes = writes;
        this.access = access;
        this.editWindow = editWindow;
    }

    @GET
    public CommentResponse get(@PathParam("id") long postId, @PathParam("commentId") long id, @Auth Optional<Caller> caller) {
        access.comment(postId, id, caller);
        return CommentResponse.of(current(postId, id));
    }

    @PATCH
    public CommentResponse update(@PathParam("id") long postId, @PathParam("commentId") long id,
                                  @NotNull UpdateCommentRequest request, @Auth Caller caller) {
        CommentDao.Head head = access.comment(postId, id, Optional.of(caller));
        if (request.body() != null) {
            Access.require(caller.id() == head.authorId(), "only its author may edit a comment");
        }
        if (request.hidden() != null) {
            Access.require(CommentAccess.moderates(head.postAuthorId(), Optional.of(caller)),
                    "only the post's author or an admin may hide or show a comment");
        }
        if (request.body() == null && request.hidden() == null) {
            throw new InvalidException("body", "give a new body or hidden (or both)");
        }
        if (request.body() != null) {
            String body = Comment.body(request.body());
            if (writes.edit(postId, id, caller.id(), body, editWindow).isEmpty()) {
                // Nothing written: the same body (a no-op), gone meanwhile, or too late.
                Comment now = current(postId, id);
                Access.require(now.body().equals(body), "a comment can only be edited for " + windowText()
                        + " after it was written");
            }
        }
        if (request.hidden() != null) {
            writes.setHidden(postId, id, request.hidden());
        }
        return CommentResponse.of(current(postId, id));
    }

    @DELETE
    public Response delete(@PathParam("id") long postId, @PathParam("commentId") long id, @Auth Caller caller) {
        CommentDao.Head head = access.comment(postId, id, Optional.of(caller));
        Access.require(caller.id() == head.authorId() || CommentAccess.moderates(head.postAuthorId(), Optional.of(caller)),
                "only its author, the post's author or an admin may delete a comment");
        if (!writes.delete(postId, id)) {
            throw new NotFoundException("comment", id);
        }
        return Response.noContent().build();
    }

    private String windowText() {
        long seconds = editWindow.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " minutes" : seconds + " seconds";
    }

    private Comment current(long postId, long id) {
        return comments.find(postId, id).orElseThrow(() -> new NotFoundException("comment", id));
    }
}
