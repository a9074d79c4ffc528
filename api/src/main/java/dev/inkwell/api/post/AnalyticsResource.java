package dev.inkwell.api.post;

import dev.inkwell.domain.post.CategoryPostStats;
import dev.inkwell.persistence.post.PostDao;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Read-only reports over posts. */
@Path("/api/analytics")
@Produces(MediaType.APPLICATION_JSON)
public final class AnalyticsResource {
    private final PostDao posts;

    public AnalyticsResource(PostDao posts) {
        this.posts = posts;
    }

    /** Published posts per category and their average content length (a number, in characters). */
    @GET
    @Path("/posts-per-category")
    public List<CategoryStats> postsPerCategory() {
        return posts.postsPerCategory().stream().map(CategoryStats::of).toList();
    }

    /** One row of the report on the wire. */
    public record CategoryStats(long categoryId, String category, long postCount, double avgContentLength) {
        static CategoryStats of(CategoryPostStats s) {
            return new CategoryStats(s.categoryId(), s.category(), s.postCount(), s.avgContentLength());
        }
    }
}
