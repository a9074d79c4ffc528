package dev.inkwell.persistence.post;

import org.jdbi.v3.core.Jdbi;

import java.util.List;

/**
 * The publishing of scheduled posts, the worker's writes of posts ({@link PostDao#publishIfDue}
 * and {@link PostDao#publishDue}: one conditional UPDATE each, so a post is published once however
 * many runs meet it), each followed, once it committed, by the drop of the published posts' cached
 * copies and the kept pages.
 */
public final class PostPublishing {
    private final PostDao posts;
    private final PostCache cache;

    public PostPublishing(Jdbi jdbi, PostCache cache) {
        this.posts = jdbi.onDemand(PostDao.class);
        this.cache = cache;
    }

    /**
     * Publishes post {@code id} if it is due ({@link PostDao#publishIfDue}: once, however many
     * runs); true when this call did, and then its cached copy and the kept pages go.
     */
    public boolean publishIfDue(long id) {
        boolean published = cache.writing(id, () -> posts.publishIfDue(id));
        if (published) {
            cache.invalidate(id);
        }
        return published;
    }

    /**
     * Publishes every due post ({@link PostDao#publishDue}), {@code chunk} at a time, each chunk's
     * copies dropped once it committed; returns how many this call published.
     */
    public int publishDue(int chunk) {
        int published = 0;
        for (List<Long> ids = posts.publishDue(chunk); !ids.isEmpty(); ids = posts.publishDue(chunk)) {
            cache.invalidate(ids);
            published += ids.size();
            if (ids.size() < chunk) {
                break;
            }
        }
        return published;
    }
}
