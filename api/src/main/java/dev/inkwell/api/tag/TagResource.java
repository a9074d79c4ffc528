package dev.inkwell.api.tag;

import dev.inkwell.api.auth.AdminOnly;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.domain.tag.Tag;
import dev.inkwell.domain.tag.TagName;
import dev.inkwell.persistence.cache.KeptTablePages;
import dev.inkwell.persistence.cache.KeptTablePages.Table;
import dev.inkwell.persistence.Updated;
import dev.inkwell.persistence.post.PostCache;
import dev.inkwell.persistence.tag.TagDao;
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

/** One tag. Only admins rename or delete tags; deleting a tag removes it from its posts. */
@Path("/api/tags/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class TagResource {
    private final TagDao tags;
    private final PostCache postCache;
    private final KeptTablePages kept;

    public TagResource(TagDao tags, PostCache postCache, KeptTablePages kept) {
        this.tags = tags;
        this.postCache = postCache;
        this.kept = kept;
    }

    @GET
    public TagBody get(@PathParam("id") long id) {
        return tags.findById(id).map(TagBody::of).orElseThrow(() -> new NotFoundException("tag", id));
    }

    @AdminOnly
    @PATCH
    public TagBody rename(@PathParam("id") long id, @NotNull TagRequest request, @Auth Caller caller) {
        Updated<Tag> renamed = tags.rename(id, TagName.normalize(request.name()))
                .orElseThrow(() -> new NotFoundException("tag", id));
        if (renamed.changed()) {
            kept.invalidate(Table.TAGS); // committed: kept pages show the old name
            // Committed: cached posts with this tag show its old name.
            postCache.invalidateByTag(id);
        }
        return TagBody.of(renamed.after());
    }

    @AdminOnly
    @DELETE
    public Response delete(@PathParam("id") long id, @Auth Caller caller) {
        postCache.invalidate(tags.delete(id).orElseThrow(() -> new NotFoundException("tag", id)));
        kept.invalidate(Table.TAGS);
        return Response.noContent().build();
    }
}
