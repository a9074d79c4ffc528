package dev.inkwell.api.tag;

import dev.inkwell.api.PageResponse;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.api.list.PublicListPages;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.tag.Tag;
import dev.inkwell.domain.tag.TagName;
import dev.inkwell.persistence.cache.KeptTablePages;
import dev.inkwell.persistence.cache.KeptTablePages.Table;
import dev.inkwell.persistence.tag.TagDao;
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
    private final TagDao tags;
    private final PublicListPages pages;
    private final KeptTablePages kept;

    public TagsResource(TagDao tags, PublicListPages pages, KeptTablePages kept) {
        this.tags = tags;
        this.pages = pages;
        this.kept = kept;
    }

    /** Tags by name, a {@link PageResponse}: the same for every reader, so kept until the next tag write (posts add tags too). */
    @GET
    public Response list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage) {
        return Response.ok(pages.json(Table.TAGS, PageRequest.of(page, perPage)), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    public Response create(@NotNull TagRequest request, @Auth Caller caller, @Context UriInfo uri) {
        Tag tag = tags.insert(TagName.normalize(request.name()));
        kept.invalidate(Table.TAGS); // committed: kept pages do not show it
        return Response.created(uri.getBaseUriBuilder().path("api/tags/{id}").build(tag.id())).entity(TagBody.of(tag)).build();
    }
}
