package dev.inkwell.persistence.tag;

import dev.inkwell.domain.tag.Tag;
import dev.inkwell.persistence.cache.KeptTablePages;
import dev.inkwell.persistence.cache.KeptTablePages.Table;
import dev.inkwell.persistence.Updated;
import dev.inkwell.persistence.post.PostCache;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

/**
 * Every write of tags on their own (posts create tags too: {@code PostWrites}), each followed,
 * once it committed, by the invalidation of what it made stale: the kept tag pages and the
 * cached posts that carry the tag. Callers never invalidate themselves.
 */
public final class TagWrites {
    private final TagDao tags;
    private final PostCache postCache;
    private final KeptTablePages kept;

    public TagWrites(Jdbi jdbi, PostCache postCache, KeptTablePages kept) {
        this.tags = jdbi.onDemand(TagDao.class);
        this.postCache = postCache;
        this.kept = kept;
    }

    /** {@link TagDao#insert} of a normalized name; then no kept page lacks it. */
    public Tag create(String name) {
        Tag created = tags.insert(name);
        kept.invalidate(Table.TAGS);
        return created;
    }

    /**
     * {@link TagDao#rename}; empty when there is no such tag. A new name drops the kept pages and
     * the cached posts with the tag; a rename to the name it has writes nothing and drops nothing.
     */
    public Optional<Updated<Tag>> rename(long id, String name) {
        Optional<Updated<Tag>> renamed = tags.rename(id, name);
        if (renamed.isPresent() && renamed.get().changed()) {
            kept.invalidate(Table.TAGS);
            postCache.invalidateByTag(id);
        }
        return renamed;
    }

    /** {@link TagDao#delete}; false when there was no such tag. Its posts' cached copies and the kept pages go. */
    public boolean delete(long id) {
        Optional<List<Long>> untagged = tags.delete(id);
        if (untagged.isEmpty()) {
            return false;
        }
        postCache.invalidate(untagged.get());
        kept.invalidate(Table.TAGS);
        return true;
    }
}
