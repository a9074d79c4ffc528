package dev.inkwell.api.feed;

import dev.inkwell.api.http.SharedCaching;
import dev.inkwell.api.post.PostETag;
import dev.inkwell.persistence.post.PostFeeds.Scope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The Atom and RSS 2.0 feeds of the newest published posts: of all posts, of a category and of a
 * tag (by id, so that a subscription survives a rename). Anyone may read them, and every reader
 * is sent the same bytes (credentials change nothing): a shared cache may keep them and must
 * revalidate with the {@code ETag} ({@code If-None-Match}: 304) before each use.
 */
@Path("/api/feeds")
public final class FeedsResource {
    private static final String ATOM = "application/atom+xml";
    private static final String RSS = "application/rss+xml";

    private final FeedPages feeds;

    public FeedsResource(FeedPages feeds) {
        this.feeds = feeds;
    }

    @GET
    @Path("/posts.atom")
    @Produces(ATOM)
    public Response postsAtom(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(FeedFormat.ATOM, Scope.ALL, ifNoneMatch);
    }

    @GET
    @Path("/posts.rss")
    @Produces(RSS)
    public Response postsRss(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(FeedFormat.RSS, Scope.ALL, ifNoneMatch);
    }

    @GET
    @Path("/categories/{id}.atom")
    @Produces(ATOM)
    public Response categoryAtom(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(FeedFormat.ATOM, Scope.category(id), ifNoneMatch);
    }

    @GET
    @Path("/categories/{id}.rss")
    @Produces(RSS)
    public Response categoryRss(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(FeedFormat.RSS, Scope.category(id), ifNoneMatch);
    }

    @GET
    @Path("/tags/{id}.atom")
    @Produces(ATOM)
    public Response tagAtom(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(FeedFormat.ATOM, Scope.tag(id), ifNoneMatch);
    }

    @GET
    @Path("/tags/{id}.rss")
    @Produces(RSS)
    public Response tagRss(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(FeedFormat.RSS, Scope.tag(id), ifNoneMatch);
    }

    private Response answer(FeedFormat format, Scope scope, String ifNoneMatch) {
        KeptFeed feed = feeds.feed(format, scope);
        Response.ResponseBuilder answer = PostETag.notModified(ifNoneMatch, feed.etag())
                ? Response.notModified()
                : Response.ok(feed.xml(), format.contentType());
        return answer.header(HttpHeaders.ETAG, feed.etag()).header(HttpHeaders.CACHE_CONTROL, SharedCaching.PUBLIC).build();
    }
}
