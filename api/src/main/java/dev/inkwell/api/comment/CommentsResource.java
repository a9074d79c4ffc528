package dev.inkwell.api.comment;

import dev.inkwell.api.PageResponse;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.api.limit.RateLimited;
import dev.inkwell.api.limit.RateLimiter;
import dev.inkwell.api.list.ListAnswers;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.comment.Comment;
import dev.inkwell.persistence.comment.CommentPages;
import dev.inkwell.persistence.comment.CommentWrites;
import dev.inkwell.persistence.post.PostDao;
import io.dropwizard.auth.Auth;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Optional;

/**
 * A post's comments: anyone who sees the post lists them, in thread order (each comment followed
 * by its replies), by page number or cursor; signed-in users comment on published posts (404 on
 * a draft or a missing post), limited per client address ("comments", before anything else) and
 * per account ("commentsPerAccount", counted here once the caller is known).
 */
@Path("/api/posts/{id}/comments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class CommentsResource {
    private final CommentWrites writes;
    private final CommentPages pages;
    private final CommentAccess access;
    private final RateLimiter perAccount;

    public CommentsResource(CommentWrites writes, CommentPages pages, CommentAccess access, RateLimiter perAccount) {
        this.writes = writes;
        this.pages = pages;
        this.access = access;
        this.perAccount = perAccount;
    }

    @GET
    public Response list(@PathParam("id") long postId, @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
                         @QueryParam("cursor") String cursor, @Auth Optional<Caller> caller, @Context UriInfo uri) {
        ListAnswers.refuseCursorWithPage(cursor, page);
        PageRequest request = PageRequest.of(page, perPage);
        if (cursor != null) {
            CommentPages.after(postId, cursor);
        }
        PostDao.Head post = access.post(postId, caller);
        CommentPages.Reader reader = CommentAccess.reader(post.authorId(), caller);
        Page<Comment> found = cursor == null ? pages.page(postId, reader, request)
                : pages.pageAfter(postId, reader, cursor, request.perPage());
        return ListAnswers.ok(PageResponse.of(found, CommentResponse::of), found.nextCursor(), uri.getRequestUriBuilder(),
                caller.isEmpty());
    }

    @POST
    @RateLimited("comments")
    public Response create(@PathParam("id") long postId, @NotNull CreateCommentRequest request, @Auth Caller caller,
                           @Context UriInfo uri) {
        String body = Comment.body(request.body());
        long wait = perAccount.acquire(Long.toString(caller.id()));
        if (wait > 0) {
            throw new WebApplicationException(RateLimiter.refusal("Too many comments from this account", wait));
        }
        Comment created = writes.create(postId, request.parentId(), caller.id(), body)
                .orElseThrow(() -> new NotFoundException("post", postId));
        return Response.created(uri.getBaseUriBuilder().path("api/posts/{id}/comments/{commentId}").build(postId, created.id()))
                .entity(CommentResponse.of(created)).build();
    }
}
