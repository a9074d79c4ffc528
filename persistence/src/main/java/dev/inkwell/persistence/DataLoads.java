package dev.inkwell.persistence;

import dev.inkwell.persistence.cache.KeptTablePages;
import dev.inkwell.persistence.post.PostCache;

/**
 * The invalidation owed after a load of data that bypasses the write services (the demo seed
 * writes every table with COPY): every kept list page goes, of posts, users, categories and tags.
 * Cached single posts are left alone: the seed fills only a database without posts.
 */
public final class DataLoads {
    private final PostCache postCache;
    private final KeptTablePages kept;

    public DataLoads(PostCache postCache, KeptTablePages kept) {
        this.postCache = postCache;
        this.kept = kept;
    }

    /** After a load ended, also one that failed: pages kept while it ran may show what it undid. */
    public void loaded() {
        postCache.invalidateLists();
        kept.invalidateAll();
    }
}
