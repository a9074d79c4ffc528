package dev.inkwell.api.post;

import dev.inkwell.api.auth.Access;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.api.limit.RateLimited;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.post.BulkUpdate;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.job.BulkUpdateJobRequest;
import dev.inkwell.persistence.post.BulkUpdateDao;
import io.dropwizard.auth.Auth;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jobrunr.scheduling.JobRequestScheduler;

import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/posts/bulk-update}: checks the request, stores it and enqueues the worker's
 * job; answers 202 with the job. Authors may target only their own posts (a filter is narrowed
 * to them); admins any. The same {@code request_id} from the same user enqueues one job: the
 * retry gets the first job's id. A root resource of its own so that "bulk-update" is not read
 * as a post id.
 */
@Path("/api/posts/bulk-update")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class BulkUpdateResource {
    private final BulkUpdateDao bulkUpdates;
    private final CategoryDao categories;
    private final JobRequestScheduler jobs;

    public BulkUpdateResource(BulkUpdateDao bulkUpdates, CategoryDao categories, JobRequestScheduler jobs) {
        this.bulkUpdates = bulkUpdates;
        this.categories = categories;
        this.jobs = jobs;
    }

    @POST
    @RateLimited(value = "bulk", acceptedOnly = true)
    public Response submit(@NotNull BulkUpdateRequest request, @Auth Caller caller, @Context UriInfo uri) {
        BulkUpdateRequest.Filter f = request.filter();
        BulkUpdate.Filter filter = f == null ? null
                : new BulkUpdate.Filter(f.categoryId(), f.tag(), f.authorId(), f.published(), f.createdBefore(), f.createdAfter());
        BulkUpdateRequest.Set s = request.set();
        BulkUpdate.Change change = s == null ? null
                : new BulkUpdate.Change(s.getPublished(), s.categoryIdGiven(), s.getCategoryId(), s.getAddTags(), s.getRemoveTags());
        BulkUpdate update = BulkUpdate.of(UUID.randomUUID(), caller.id(), request.requestId(), request.ids(), filter, change);
        update = authorize(update, caller);
        if (update.change().categoryChanged() && update.change().categoryId() != null
                && categories.findById(update.change().categoryId()).isEmpty()) {
            throw new InvalidException("set.category_id", "does not exist");
        }
        UUID id = bulkUpdates.insertOnce(update);
        // With a fixed id JobRunr enqueues once, also when a retry gets here after a failure.
        jobs.enqueue(id, new BulkUpdateJobRequest(id));
        bulkUpdates.wakeWorkers();
        return Response.accepted(Map.of("job_id", id))
                .location(uri.getBaseUriBuilder().path("api/jobs/{id}").build(id))
                .build();
    }

    /** Authors target their own posts only; a filter of theirs is narrowed to them. */
    private BulkUpdate authorize(BulkUpdate update, Caller caller) {
        if (caller.isAdmin()) {
            return update;
        }
        if (update.postIds() != null) {
            BulkUpdateDao.Ownership o = bulkUpdates.ownership(update.postIds().stream().mapToLong(Long::longValue).toArray(), caller.id());
            if (o.notOwned() > 0) {
                Access.requireAdmin(caller);
            }
            return update;
        }
        BulkUpdate.Filter f = update.filter();
        if (f.authorId() != null && f.authorId() != caller.id()) {
            Access.requireAdmin(caller);
        }
        return new BulkUpdate(update.id(), update.ownerId(), update.requestId(), null,
                new BulkUpdate.Filter(f.categoryId(), f.tag(), caller.id(), f.published(), f.createdBefore(), f.createdAfter()),
                update.change());
    }
}
