package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostChanges;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;
import java.util.UUID;

/**
 * Every write of posts, each followed, once it committed, by the invalidation of what it made
 * stale in the {@link PostCache}: callers never pair a write with an invalidation themselves (a
 * structure test fails when other code calls a post-changing DAO method). The hot two, a new post
 * and an edit of a post's own fields, are one statement each ({@link PostStatements}).
 * {@link PostDao#update} is the edit's general form (tags, and the answers for edits the one
 * statement does not write). Users, categories and tags embedded in posts have
 * their own write services, and so has the worker's publishing of scheduled posts ({@link PostPublishing}).
 */
public final class PostWrites {
    private final Jdbi jdbi;
    private final PostDao posts;
    private final BulkUpdateDao bulkUpdates;
    private final PostCache cache;

    public PostWrites(Jdbi jdbi, PostCache cache) {
        this.jdbi = jdbi;
        this.posts = jdbi.onDemand(PostDao.class);
        this.bulkUpdates = jdbi.onDemand(BulkUpdateDao.class);
        this.cache = cache;
    }

    /**
     * Creates the post and its tags (tags are created on first use) and returns it; then no kept
     * list page lacks it. Errors as a DAO method's.
     */
    public Post create(NewPost post) {
        Post created = PostStatements.create(jdbi, post);
        cache.invalidateLists();
        return created;
    }

    /**
     * Applies {@code changes} (without tags) to post {@code id} in one statement and returns the
     * post written; empty when nothing was written: no such post, the editor ({@code editorId},
     * an admin or not) may not change it, it is not at {@code expectedVersion} (when given), or
     * the changes leave it as it is ({@link #update} then tells which, under the row's lock). The
     * cached copy goes when it was written, and when the database failed under the write.
     */
    public Optional<Post> patch(long id, long editorId, boolean admin, PostChanges changes, Long expectedVersion) {
        if (changes.tags() != null) {
            throw new IllegalArgumentException("an edit of the tags is PostDao.update's");
        }
        Optional<Post> written = cache.writing(id, () -> PostStatements.patch(jdbi, id, editorId, admin, changes, expectedVersion));
        written.ifPresent(post -> cache.invalidate(id));
        return written;
    }

    /**
     * {@link PostDao#update}: applies {@code changes} (tags too) to post {@code id}, read at
     * {@code versionRead} by the caller (its access check); its cached copy goes unless the post
     * is still at that version (versions only grow: nobody wrote since, a no-op edit writes nothing).
     */
    public Post update(long id, PostChanges changes, Long expectedVersion, long versionRead) {
        Post updated = cache.writing(id, () -> posts.update(id, changes, expectedVersion));
        if (updated.version() != versionRead) {
            cache.invalidate(id);
        }
        return updated;
    }

    /** Deletes post {@code id} with its tag links; false when there was none. Its cached copy goes either way. */
    public boolean delete(long id) {
        boolean deleted = cache.writing(id, () -> posts.delete(id));
        cache.invalidate(id);
        return deleted;
    }

    /**
     * {@link BulkUpdateDao#applyChunk}: applies one chunk of a bulk update (one transaction), then
     * drops the cached copies of its posts. A chunk done before is not applied again, but its
     * copies still go: the run that did it may have died between its commit and its invalidation.
     */
    public BulkUpdateDao.ChunkResult applyChunk(UUID bulkUpdateId, int chunk) {
        BulkUpdateDao.ChunkResult result = bulkUpdates.applyChunk(bulkUpdateId, chunk);
        cache.invalidate(result.postIds());
        return result;
    }
}
