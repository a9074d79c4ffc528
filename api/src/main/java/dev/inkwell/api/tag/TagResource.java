package dev.inkwell.api.tag;

import dev.inkwell.api.auth.AdminOnly;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.domain.tag.Tag;
import dev.inkwell.domain.tag.TagName;
import dev.inkwell.persistence.Updated;
import dev.inkwell.persistence.tag.TagDao;
import dev.inkwell.persistence.tag.TagWrites;
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
    private final TagWrites writes;

    public TagResource(TagDao tags, TagWrites writes) {
        this.tags = tags;
        this.writes = writes;
    }

    @GET
    public TagBody get(@PathParam("id") long id) {
        return tags.findById(id).map(TagBody::of).orElseThrow(() -> new NotFoundException("tag", id));
    }

    @AdminOnly
    @PATCH
    public TagBody rename(@PathParam("id") long id, @NotNull TagRequest request, @Auth Caller caller) {
        Updated<Tag> renamed = writes.rename(id, TagName.normalize(request.name()))
                .orElseThrow(() -> new NotFoundException("tag", id));
        return TagBody.of(renamed.after());
    }

    @AdminOnly
    @DELETE
    public Response delete(@PathParam("id") long id, @Auth Caller caller) {
        if (!writes.delete(id)) {
            throw new NotFoundException("tag", id);
        }
        return Response.noContent().build();
    }
}
