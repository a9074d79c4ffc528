package dev.inkwell.api.category;

import dev.inkwell.api.auth.AdminOnly;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.category.CategoryChanges;
import dev.inkwell.persistence.cache.KeptTablePages;
import dev.inkwell.persistence.cache.KeptTablePages.Table;
import dev.inkwell.persistence.Updated;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.post.PostCache;
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

/**
 * One category. Only admins change or delete categories. Deleting one that still has children
 * is refused (409); its posts become uncategorized.
 */
@Path("/api/categories/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class CategoryResource {
    private final CategoryDao categories;
    private final PostCache postCache;
    private final KeptTablePages kept;

    public CategoryResource(CategoryDao categories, PostCache postCache, KeptTablePages kept) {
        this.categories = categories;
        this.postCache = postCache;
        this.kept = kept;
    }

    @GET
    public CategoryResponse get(@PathParam("id") long id) {
        return CategoryResponse.of(find(id), categories.children(id));
    }

    @AdminOnly
    @PATCH
    public CategoryResponse update(@PathParam("id") long id, @NotNull UpdateCategoryRequest request, @Auth Caller caller) {
        CategoryChanges changes = CategoryChanges.of(request.getName(), request.getSlug(), request.descriptionGiven(),
                request.getDescription(), request.parentIdGiven(), request.getParentId());
        Updated<Category> updated = categories.update(id, changes).orElseThrow(() -> new NotFoundException("category", id));
        if (updated.changed()) {
            kept.invalidate(Table.CATEGORIES); // committed: kept pages show it (or it as a child) as it was
        }
        if (updated.changed(Category::name)) {
            // Committed: cached posts of this category show its old name.
            postCache.invalidateByCategory(id);
        }
        return CategoryResponse.of(updated.after(), categories.children(id));
    }

    @AdminOnly
    @DELETE
    public Response delete(@PathParam("id") long id, @Auth Caller caller) {
        postCache.invalidate(categories.delete(id).orElseThrow(() -> new NotFoundException("category", id)));
        kept.invalidate(Table.CATEGORIES);
        return Response.noContent().build();
    }

    private Category find(long id) {
        return categories.findById(id).orElseThrow(() -> new NotFoundException("category", id));
    }
}
