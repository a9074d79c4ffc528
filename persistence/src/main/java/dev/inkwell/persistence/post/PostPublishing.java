package dev.inkwell.persistence.post;

import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.util.List;

/**
 * The publishing of scheduled posts, the worker's writes of posts ({@link PostDao#publishIfDue}
 * and {@link PostDao#publishDue}: one conditional UPDATE each, so a post is published once however
 * many runs meet it), each followed by the drop of the published posts' cached copies and the
 * kept pages. A run can die between its commit and that drop (JobRunr then runs the job again),
 * so the drop must not depend on the run that publishes: a post's own job drops its post's copies
 * whenever it finds the post published, and the sweep, which would not know what a dead run
 * published, promises its drops in Redis before each commit ({@link PostCache#promise}) and, at
 * the start of every run, makes those that no live run is still keeping.
 */
public final class PostPublishing {
    /**
     * A promise older than this was made by a run that died: a live one keeps it within
     * milliseconds of its commit. The sweep runs every minute by default, so a dead run's drops
     * are made a minute or two after it died.
     */
    static final Duration PROMISE_KEPT_WITHIN = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final PostDao posts;
    private final PostCache cache;

    public PostPublishing(Jdbi jdbi, PostCache cache) {
        this.jdbi = jdbi;
        this.posts = jdbi.onDemand(PostDao.class);
        this.cache = cache;
    }

    /**
     * Publishes post {@code id} if it is due; true when this call did. The post's cached copy and
     * the kept pages go whenever it is published, by this call or before it: the run that
     * published it may have died between its commit and its drop (as a bulk update's chunk does,
     * {@link PostWrites#applyChunk}). A post published otherwise (by an editor, by the sweep) has
     * them dropped once more: one drop per run of its job.
     */
    public boolean publishIfDue(long id) {
        boolean published = cache.writing(id, () -> posts.publishIfDue(id));
        if (published || posts.findHead(id).map(PostDao.Head::published).orElse(false)) {
            cache.invalidate(id);
        }
        return published;
    }

    /**
     * Publishes every due post, {@code chunk} at a time, each chunk's copies dropped once it
     * committed; returns how many this call published. First makes the drops that earlier runs
     * promised and did not make.
     */
    public int publishDue(int chunk) {
        return publishDue(chunk, PROMISE_KEPT_WITHIN);
    }

    /** {@link #publishDue(int)}, replaying promises older than {@code promisesKeptWithin}. */
    int publishDue(int chunk, Duration promisesKeptWithin) {
        cache.invalidatePromised(promisesKeptWithin);
        int published = 0;
        for (Chunk done = publishChunk(chunk); !done.ids().isEmpty(); done = publishChunk(chunk)) {
            cache.invalidate(done.ids(), done.promise());
            published += done.ids().size();
            if (done.ids().size() < chunk) {
                break;
            }
        }
        return published;
    }

    /**
     * Publishes up to {@code chunk} due posts ({@link PostDao#publishDue}) and promises their drops,
     * in one transaction: the promise is made before the commit, so none is missing after it.
     * Nothing is dropped yet (a test stops here, as a run that dies after its commit does).
     */
    Chunk publishChunk(int chunk) {
        return jdbi.inTransaction(h -> {
            List<Long> ids = h.attach(PostDao.class).publishDue(chunk);
            return new Chunk(ids, ids.isEmpty() ? null : cache.promise(ids));
        });
    }

    /** A chunk published, and its promised drop (null: none). */
    record Chunk(List<Long> ids, String promise) {
    }
}
