package dev.inkwell.api.post;

import dev.inkwell.api.http.SharedCaching;
import dev.inkwell.api.auth.Access;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostChanges;
import dev.inkwell.persistence.job.ScheduledPublishing;
import dev.inkwell.persistence.post.PostCache;
import dev.inkwell.persistence.post.PostCache.CachedPost;
import dev.inkwell.persistence.post.PostDao;
import dev.inkwell.persistence.post.PostWrites;
import io.dropwizard.auth.Auth;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;
import java.util.function.Function;

/**
 * One post. Reads come from the {@link PostCache} (the stored JSON is sent as it is; anonymous
 * reads of published posts are answered before Jersey, by {@link PostReadFilter}); writes go
 * through {@link PostWrites}, which invalidates it after committing. Its {@code ETag} names its
 * JSON ({@link PostETag}); {@code PATCH} with {@code If-Match} only applies to the version it
 * names (412 otherwise), without it the last write wins. Drafts are visible only to their author and admins (404 for
 * everyone else, as if they did not exist).
 */
@Path("/api/posts/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class PostResource {
    private final PostDao posts;
    private final PostWrites writes;
    private final PostCache cache;
    private final Function<Post, byte[]> json;
    private final ScheduledPublishing publishing;

    /**
     * {@code json} writes a post as this API sends it (the bytes the cache keeps); {@code publishing}
     * schedules the worker's publishing of a post given a {@code publish_at}.
     */
    public PostResource(PostDao posts, PostWrites writes, PostCache cache, Function<Post, byte[]> json,
                        ScheduledPublishing publishing) {
        this.posts = posts;
        this.writes = writes;
        this.cache = cache;
        this.json = json;
        this.publishing = publishing;
    }

    @GET
    public Response get(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                        @Auth Optional<Caller> caller, @Context ContainerRequestContext request) {
        Optional<CachedPost> found = request.getProperty(PostReadFilter.READ) instanceof PostReadFilter.Read read && read.id() == id
                ? read.get() : cache.find(id, json);
        return answer(readable(found, caller, id), ifNoneMatch, caller);
    }

    /** The post found, if this caller may read it (drafts: their author and admins); 404 otherwise, as if there were none. */
    static CachedPost readable(Optional<CachedPost> found, Optional<Caller> caller, Object name) {
        CachedPost post = found.orElseThrow(() -> new NotFoundException("post", name));
        if (!post.published() && !caller.map(c -> c.mayChange(post.authorId())).orElse(false)) {
            throw new NotFoundException("post", name);
        }
        return post;
    }

    /** A read's answer (by id or by slug alike): the post's JSON with its tag, or 304 to an {@code If-None-Match} naming it. */
    static Response answer(CachedPost post, String ifNoneMatch, Optional<Caller> caller) {
        String etag = PostETag.of(post.version(), post.json());
        Response.ResponseBuilder answer = PostETag.notModified(ifNoneMatch, etag) ? Response.notModified()
                : Response.ok(post.json(), MediaType.APPLICATION_JSON_TYPE);
        return answer.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, SharedCaching.of(caller.isEmpty()))
                .build();
    }

    @PATCH
    public Response update(@PathParam("id") long id, @NotNull UpdatePostRequest request,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Auth Caller caller) {
        PostChanges changes;
        Long expectedVersion;
        try {
            changes = PostChanges.of(request.getTitle(), request.getContent(), request.categoryIdGiven(),
                    request.getCategoryId(), request.getPublished(), request.getTags(), request.getSlug(),
                    request.publishAtGiven(), request.getPublishAt());
            expectedVersion = PostETag.expectedVersion(ifMatch);
        } catch (InvalidException e) {
            // A post the caller may not change is refused (404 or 403) before its request is judged.
            Access.requireOwnerOrAdmin(caller, visible(id, caller).authorId());
            throw e;
        }
        if (changes.tags() == null) {
            Optional<Post> written = writes.patch(id, caller.id(), caller.isAdmin(), changes, expectedVersion);
            if (written.isPresent()) {
                return scheduled(changes, written.get());
            }
        }
        // Not written in one statement (tags, or an answer to give: 404, 403, 412, or a no-op).
        PostDao.Head current = visible(id, caller);
        Access.requireOwnerOrAdmin(caller, current.authorId());
        return scheduled(changes, writes.update(id, changes, expectedVersion, current.version()));
    }

    /** The answer to an edit, once the worker's publishing of a schedule it set is scheduled. */
    private Response scheduled(PostChanges changes, Post post) {
        if (changes.publishAtChanged()) {
            publishing.schedule(post);
        }
        return withVersion(post).build();
    }

    @DELETE
    public Response delete(@PathParam("id") long id, @Auth Caller caller) {
        PostDao.Head current = visible(id, caller);
        Access.requireOwnerOrAdmin(caller, current.authorId());
        if (!writes.delete(id)) {
            throw new NotFoundException("post", id);
        }
        return Response.noContent().build();
    }

    /** The post's head (a write needs no more of it before its own transaction); 404 when the caller may not see it. */
    private PostDao.Head visible(long id, Caller caller) {
        PostDao.Head post = posts.findHead(id).orElseThrow(() -> new NotFoundException("post", id));
        if (!post.published() && !caller.mayChange(post.authorId())) {
            throw new NotFoundException("post", id);
        }
        return post;
    }

    /** The post as written, with the tag of the bytes sent. */
    private Response.ResponseBuilder withVersion(Post post) {
        byte[] body = json.apply(post);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.ETAG, PostETag.of(post.version(), body));
    }
}
