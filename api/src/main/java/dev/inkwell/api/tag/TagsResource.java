package dev.inkwell.api.tag;

import dev.inkwell.api.PageResponse;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.api.list.PublicListPages;
import dev.inkwell.domain.tag.Tag;
import dev.inkwell.domain.tag.TagName;
import dev.inkwell.persistence.cache.KeptTablePages.Table;
import dev.inkwell.persistence.tag.TagWrites;
import io.dropwizard.auth.Auth;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The tag collection: anyone lists; any signed-in user creates (posts also create tags on first use). */
@Path("/api/tags")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class TagsResource {
    private final TagWrites writes;
    private final PublicListPages pages;

    public TagsResource(TagWrites writes, PublicListPages pages) {
        this.writes = writes;
        this.pages = pages;
    }

    /**
     * Tags by name, a {@link PageResponse}, by page number or after a {@code cursor} (from
     * {@code next_cursor} or the {@code Link} header): the same for every reader, so kept until
     * the next tag write (posts add tags too).
     */
    @GET
    public Response list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
                         @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return pages.answer(Table.TAGS, page, perPage, cursor, uri.getRequestUriBuilder());
    }

    @POST
    public Response create(@NotNull TagRequest request, @Auth Caller caller, @Context UriInfo uri) {
        Tag tag = writes.create(TagName.normalize(request.name()));
        return Response.created(uri.getBaseUriBuilder().path("api/tags/{id}").build(tag.id())).entity(TagBody.of(tag)).build();
    }
}
