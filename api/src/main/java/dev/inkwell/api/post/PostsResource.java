package dev.inkwell.api.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.inkwell.api.PageResponse;
import dev.inkwell.api.list.ListAnswers;
import dev.inkwell.api.RawJson;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostCursor;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.PostSort;
import dev.inkwell.domain.post.Visibility;
import dev.inkwell.domain.tag.TagName;
import dev.inkwell.persistence.cache.ListPage;
import dev.inkwell.persistence.job.ScheduledPublishing;
import dev.inkwell.persistence.post.KeptPostPages;
import dev.inkwell.persistence.post.PostCache;
import dev.inkwell.persistence.post.PostKey;
import dev.inkwell.persistence.post.PostReads;
import dev.inkwell.persistence.post.PostWrites;
import dev.inkwell.api.limit.RateLimited;
import io.dropwizard.auth.Auth;
import org.glassfish.jersey.server.ParamException;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Optional;
import java.util.function.Function;

/**
 * The post collection: create (the caller is the author), and list and search in one endpoint.
 * Anonymous readers see published posts; authors also their own drafts; admins everything.
 */
@Path("/api/posts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class PostsResource {
    private final PostWrites posts;
    private final PostReads reads;
    private final PostCache cache;
    private final Function<Post, byte[]> json;
    private final ObjectWriter pages;
    private final ScheduledPublishing publishing;

    /**
     * {@code json}: a post as {@code GET /api/posts/{id}} sends it (a page's items are the same
     * bytes); {@code mapper}: the application's, which writes the pages; {@code publishing}
     * schedules the worker's publishing of a post created with a {@code publish_at}.
     */
    public PostsResource(PostWrites posts, PostReads reads, PostCache cache, Function<Post, byte[]> json, ObjectMapper mapper,
                         ScheduledPublishing publishing) {
        this.posts = posts;
        this.reads = reads;
        this.cache = cache;
        this.json = json;
        this.pages = mapper.writerFor(PageResponse.class);
        this.publishing = publishing;
    }

    @POST
    public Response create(@NotNull CreatePostRequest request, @Auth Caller caller, @Context UriInfo uri) {
        Post post = posts.create(NewPost.of(caller.id(), request.categoryId(), request.title(), request.content(),
                request.published(), request.tags(), request.publishAt()));
        publishing.schedule(post);
        // Resolved against the base URI, not built from a URI template: parsing one per request was 2% of a POST's CPU.
        byte[] body = json.apply(post);
        return Response.created(uri.getBaseUri().resolve("api/posts/" + post.id()))
                .header(HttpHeaders.ETAG, PostETag.of(post.version(), body))
                .entity(body)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /**
     * A page of matching posts. {@code cursor} (from {@code next_cursor} or the {@code Link}
     * header) continues after the previous page, cheaply at any depth; {@code page} jumps. Pages
     * are kept in the read cache until the next post write ({@link KeptPostPages#listPage}).
     */
    @GET
    @RateLimited(value = "search", whenQueryParam = "q")
    public Response list(@QueryParam("q") String q,
                         @QueryParam("category_id") Long categoryId,
                         @QueryParam("tag") String tag,
                         @QueryParam("author_id") Long authorId,
                         @QueryParam("published") String published,
                         @QueryParam("sort") String sort,
                         @QueryParam("page") Integer page,
                         @QueryParam("per_page") Integer perPage,
                         @QueryParam("cursor") String cursor,
                         @Auth Optional<Caller> caller,
                         @Context UriInfo uri) {
        Visibility visibility = caller.map(Caller::visibility).orElse(Visibility.PUBLIC);
        PostQuery query = new PostQuery(q, categoryId, tag == null ? null : TagName.normalize("tag", tag),
                authorId, strictBoolean("published", published), sort == null ? null : PostSort.fromCode(sort), visibility);
        PageRequest request = PageRequest.of(page, perPage);
        ListAnswers.refuseCursorWithPage(cursor, page);
        PostCursor after = cursor == null ? null : PostCursor.decode(cursor);
        Visibility shownTo = shownTo(query);
        ListPage found = cache.kept().listPage(shownTo, pageName(query, shownTo, request, cursor), () -> {
            Page<PostKey> keys = after == null ? reads.searchKeys(query, request) : reads.searchKeysAfter(query, after, request.perPage());
            return write(cache.page(keys, shownTo, json));
        });
        return ListAnswers.ok(found.json(), found.nextCursor(), uri.getRequestUriBuilder(), shownTo.equals(Visibility.PUBLIC));
    }

    /** A page as sent: each item is a post's JSON as written once (and cached), copied in as it is. */
    private ListPage write(Page<byte[]> page) {
        try {
            return new ListPage(page.nextCursor(), pages.writeValueAsBytes(PageResponse.of(page, RawJson::new)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a page of posts as JSON", e);
        }
    }

    /**
     * The page's name among kept pages: all that chooses what it shows, a line each, "name" for a
     * filter not given, "name=value" for one given (no value can hold a line break: numbers,
     * codes, a tag name, a cursor that decoded), the free text last (it may). {@code shownTo}:
     * the readers who see the same page (the query's, or everyone when it shows published posts only).
     */
    static String pageName(PostQuery query, Visibility shownTo, PageRequest request, String cursor) {
        return String.join("\n",
                shownTo.all() ? "all" : shownTo.authorId() == null ? "public" : "author=" + shownTo.authorId(),
                line("category", query.categoryId()), line("tag", query.tag()), line("author_id", query.authorId()),
                line("published", query.published()), line("sort", query.sort().code()),
                cursor == null ? line("page", request.page()) : line("cursor", cursor), line("per_page", request.perPage()),
                line("q", query.q()));
    }

    /** The readers a page is the same for: the query's, or everyone when it shows published posts only. */
    static Visibility shownTo(PostQuery query) {
        return Boolean.TRUE.equals(query.published()) ? Visibility.PUBLIC : query.visibility();
    }

    private static String line(String name, Object value) {
        return value == null ? name : name + "=" + value;
    }

    /** "true" or "false" only: Jersey's own Boolean conversion reads any other word as false. */
    private static Boolean strictBoolean(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new ParamException.QueryParamException(
                    new IllegalArgumentException("not true or false"), name, null);
        };
    }
}
