package dev.inkwell.api.category;

import dev.inkwell.api.PageResponse;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.category.CategoryPages;
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
    private final CategoryDao categories;
    private final CategoryPages pages;

    public CategoriesResource(CategoryDao categories, CategoryPages pages) {
        this.categories = categories;
        this.pages = pages;
    }

    /** Categories by name, each with its children (one statement per page, see {@link CategoryPages}). */
    @GET
    public PageResponse<CategoryResponse> list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage) {
        return PageResponse.of(pages.page(PageRequest.of(page, perPage)), t -> CategoryResponse.of(t.category(), t.children()));
    }

    @POST
    public Response create(@NotNull CreateCategoryRequest request, @Auth Caller caller, @Context UriInfo uri) {
        Category created = categories.insert(NewCategory.of(request.name(), request.slug(), request.description(), request.parentId()));
        return Response.created(uri.getBaseUriBuilder().path("api/categories/{id}").build(created.id()))
                .entity(CategoryResponse.of(created, List.of()))
                .build();
    }
}
