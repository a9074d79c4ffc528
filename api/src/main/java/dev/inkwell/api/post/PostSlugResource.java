package dev.inkwell.api.post;

import dev.inkwell.api.auth.Caller;
import dev.inkwell.api.http.SharedCaching;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.domain.category.Slug;
import dev.inkwell.domain.post.Post;
import dev.inkwell.persistence.post.KeptPostPages;
import dev.inkwell.persistence.post.PostCache;
import dev.inkwell.persistence.post.PostCache.CachedPost;
import dev.inkwell.persistence.post.PostDao.SlugTarget;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A post by its slug: the same answer as {@code GET /api/posts/{id}} (the same bytes and tag, from
 * the read cache), and for a slug the post had before, a 301 to its slug now. Where a slug leads
 * is kept in the read cache too ({@link KeptPostPages#findSlug}), so a hit costs no database work. A
 * draft is found only by its author and admins, by an old slug too (a redirect would tell its
 * new slug).
 */
@Path("/api/posts/by-slug/{slug}")
@Produces(MediaType.APPLICATION_JSON)
public final class PostSlugResource {
    /** What can be a slug ({@link Slug}); anything else is no post's, and is not looked up. */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    private final PostCache cache;
    private final Function<Post, byte[]> json;

    /** {@code json} writes a post as this API sends it (as for {@link PostResource}). */
    public PostSlugResource(PostCache cache, Function<Post, byte[]> json) {
        this.cache = cache;
        this.json = json;
    }

    @GET
    public Response get(@PathParam("slug") String slug, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                        @Auth Optional<Caller> caller, @Context UriInfo uri) {
        Optional<SlugTarget> target = slug.length() <= Slug.MAX && SLUG.matcher(slug).matches() ? cache.kept().findSlug(slug) : Optional.empty();
        SlugTarget to = target.orElseThrow(() -> new NotFoundException("post", slug));
        CachedPost post = PostResource.readable(cache.find(to.id(), json), caller, slug);
        if (!to.slug().equals(slug)) {
            return Response.status(Response.Status.MOVED_PERMANENTLY)
                    .location(uri.getBaseUri().resolve("api/posts/by-slug/" + to.slug()))
                    .header(HttpHeaders.CACHE_CONTROL, SharedCaching.of(caller.isEmpty() && post.published()))
                    .build();
        }
        return PostResource.answer(post, ifNoneMatch, caller);
    }
}
