package dev.inkwell.api.category;

import dev.inkwell.api.PageResponse;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.api.list.PublicListPages;
import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.persistence.cache.KeptTablePages.Table;
import dev.inkwell.persistence.category.CategoryPages;
import dev.inkwell.persistence.category.CategoryWrites;
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

import java.util.List;

/** The category collection: anyone lists; any signed-in user creates. */
@Path("/api/categories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class CategoriesResource {
    private final CategoryWrites writes;
    private final PublicListPages pages;

    public CategoriesResource(CategoryWrites writes, PublicListPages pages) {
        this.writes = writes;
        this.pages = pages;
    }

    /**
     * Categories by name, each with its children (one statement per page, see {@link CategoryPages}),
     * a {@link PageResponse}, by page number or after a {@code cursor} (from {@code next_cursor} or
     * the {@code Link} header): the same for every reader, so kept until the next category write.
     */
    @GET
    public Response list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
                         @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return pages.answer(Table.CATEGORIES, page, perPage, cursor, uri.getRequestUriBuilder());
    }

    @POST
    public Response create(@NotNull CreateCategoryRequest request, @Auth Caller caller, @Context UriInfo uri) {
        Category created = writes.create(NewCategory.of(request.name(), request.slug(), request.description(), request.parentId()));
        return Response.created(uri.getBaseUriBuilder().path("api/categories/{id}").build(created.id()))
                .entity(CategoryResponse.of(created, List.of()))
                .build();
    }
}
