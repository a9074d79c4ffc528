package dev.inkwell.persistence.post;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.Visibility;
import dev.inkwell.persistence.DatabaseUnavailableException;
import dev.inkwell.persistence.cache.CachedShape;
import dev.inkwell.persistence.cache.KeptTablePages;
import dev.inkwell.persistence.cache.ReadCache;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The read cache of posts: single reads ({@link #find}), the posts of list and search pages
 * ({@link #page}), the answers kept whole ({@link #kept}: pages, feeds, slugs), and every
 * invalidation a post's copy needs, each called after the write's transaction has committed: the
 * post's own writes, and renames or deletes of what it embeds (its author's username, its
 * category, its tags); each also drops the kept answers. An entry holds the post's JSON as sent and what a hit needs without the
 * database: its version (the ETag), whether it is published, and its author (who may see a draft).
 */
public final class PostCache {
    /** Before a post's id in its entry's key: the versioned key of {@link CachedShape#POST}. */
    private static final String KEY_PREFIX = CachedShape.POST.key() + ":";
    /** What every post write drops besides the posts' own entries: a post adds tags on first use, so the tag list's pages too. */
    private static final List<String> ALL_PAGES = List.of(KeptPostPages.PAGES, KeptPostPages.READERS_PAGES, KeptPostPages.FEEDS,
            KeptPostPages.SLUGS, KeptTablePages.Table.TAGS.family());
    private static final Logger LOG = LoggerFactory.getLogger(PostCache.class);

    private final ReadCache cache;
    private final PostReads reads;
    private final PostDao posts;
    private final KeptPostPages kept;

    public PostCache(ReadCache cache, Jdbi jdbi) {
        this.cache = cache;
        this.reads = new PostReads(jdbi);
        this.posts = jdbi.onDemand(PostDao.class);
        this.kept = new KeptPostPages(cache, posts, this::invalidateLists);
    }

    /** The answers kept whole until the next post write, which drops them here. */
    public KeptPostPages kept() {
        return kept;
    }

    /** The post, from the cache or the database; {@code json} writes a post's wire form. */
    public Optional<CachedPost> find(long id, Function<Post, byte[]> json) {
        // A miss (or the cache off) answers with the post it read, not with a decoded copy of its entry.
        CachedPost[] loaded = new CachedPost[1];
        byte[][] encoded = new byte[1][];
        Optional<byte[]> entry = cache.get(KEY_PREFIX + id, () -> reads.findById(id).map(p -> {
            loaded[0] = CachedPost.of(p, json.apply(p));
            encoded[0] = PostEntryCodec.encode(loaded[0]);
            return encoded[0];
        }));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        CachedPost post = entry.get() == encoded[0] ? loaded[0] : PostEntryCodec.decodePost(entry.get());
        if (post == null) {
            // Not ours (or damaged): drop it and answer from the database.
            LOG.warn("post cache: unreadable entry for post {} dropped", id);
            invalidate(id);
            return reads.findById(id).map(p -> CachedPost.of(p, json.apply(p)));
        }
        return Optional.of(post);
    }

    /**
     * The posts of a list or search page as readers are sent them ({@code json}): each from the
     * cache if it holds the version the page's statement saw, the others read in one statement
     * and cached for the next reader (a list warms the cache for the posts it shows). So a page
     * and a single read of one of its posts send the same bytes, and a page is as fresh as the
     * cache's invariants make single reads. A post deleted since the page's statement is left out,
     * and so is one that a write since has hidden from this reader ({@code visibility}: the page's
     * statement chose what it may see, a post read after it is checked again).
     */
    public Page<byte[]> page(Page<PostKey> keys, Visibility visibility, Function<Post, byte[]> json) {
        Map<Long, byte[]> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        Map<String, byte[]> cached = cache.peekAll(keys.items().stream().map(k -> KEY_PREFIX + k.id()).toList());
        for (PostKey key : keys.items()) {
            byte[] entry = cached.get(KEY_PREFIX + key.id());
            CachedPost post = entry == null ? null : PostEntryCodec.decodePost(entry);
            if (post != null && post.version() == key.version()) {
                found.put(key.id(), post.json());
            } else {
                // Not cached, or another version (a write since, or an entry we cannot read): loaded and refilled.
                missing.add(KEY_PREFIX + key.id());
            }
        }
        Map<String, byte[]> loaded = cache.loadAll(missing, toLoad -> {
            Map<String, byte[]> entries = new HashMap<>();
            for (Post post : reads.findByIds(toLoad.stream().map(PostCache::idOf).toList())) {
                entries.put(KEY_PREFIX + post.id(), PostEntryCodec.encode(CachedPost.of(post, json.apply(post))));
            }
            return entries;
        });
        loaded.forEach((k, entry) -> {
            CachedPost post = PostEntryCodec.decodePost(entry);
            if (visibility.shows(post.published(), post.authorId())) {
                found.put(idOf(k), post.json());
            }
        });
        return PostReads.inOrder(keys, found);
    }

    private static long idOf(String key) {
        return Long.parseLong(key.substring(KEY_PREFIX.length()));
    }

    /** After a write of the post committed: its entry and every kept list page go. */
    public void invalidate(long postId) {
        invalidate(List.of(postId));
    }

    /** After a write of these posts committed (any number, none too): their entries and every kept list page go. */
    public void invalidate(Collection<Long> postIds) {
        cache.invalidate(keysOf(postIds));
    }

    /**
     * Before the commit of a write of these posts that no job would redo should this process die
     * after it ({@link ReadCache#promise}): what {@link #invalidate(Collection, String)} then keeps.
     */
    public String promise(Collection<Long> postIds) {
        return cache.promise(keysOf(postIds));
    }

    /** {@link #invalidate(Collection)} after a write that made {@code promise}, which is kept then. */
    public void invalidate(Collection<Long> postIds, String promise) {
        cache.invalidate(keysOf(postIds), promise);
    }

    /** {@link ReadCache#replayPromises}: drops what writers of posts promised more than {@code age} ago and did not keep. */
    public int invalidatePromised(Duration age) {
        return cache.replayPromises(age);
    }

    private static List<String> keysOf(Collection<Long> postIds) {
        List<String> keys = new ArrayList<>(postIds.size() + ALL_PAGES.size());
        postIds.forEach(id -> keys.add(KEY_PREFIX + id));
        keys.addAll(ALL_PAGES);
        return keys;
    }

    /**
     * Runs {@code write}, a write that changes post {@code id}'s JSON, for a write service. When
     * the database fails under it, the write may still have committed (the connection can break
     * after the commit was sent): the post's copy and the kept pages go then too, and the failure
     * is rethrown. After a write that returned, invalidating is the write service's.
     */
    public <T> T writing(long id, Supplier<T> write) {
        try {
            return write.get();
        } catch (DatabaseUnavailableException e) {
            invalidate(id);
            throw e;
        }
    }

    /** After a new post committed (no entry of its own yet): every kept list page goes. */
    public void invalidateLists() {
        cache.invalidate(ALL_PAGES);
    }

    /** After a user's username changed (committed): every post they wrote embeds it. */
    public void invalidateByAuthor(long userId) {
        invalidateFound(() -> posts.idsByAuthor(userId));
    }

    /** After a category was renamed (committed). Deletes pass the ids that {@link dev.inkwell.persistence.category.CategoryDao#delete} returns. */
    public void invalidateByCategory(long categoryId) {
        invalidateFound(() -> posts.idsInCategory(categoryId));
    }

    /** After a tag was renamed (committed). Deletes pass the ids that {@link dev.inkwell.persistence.tag.TagDao#delete} returns. */
    public void invalidateByTag(long tagId) {
        invalidateFound(() -> posts.idsWithTag(tagId));
    }

    /**
     * The posts to drop are looked up after the commit (so that a post that joined meanwhile is
     * among them). If that lookup fails the write still stands: then every entry goes.
     */
    private void invalidateFound(Supplier<List<Long>> ids) {
        List<Long> found;
        try {
            found = ids.get();
        } catch (RuntimeException e) {
            LOG.warn("post cache: cannot list the posts a committed write changed ({}); dropping every cached post", e.toString());
            cache.invalidateAll();
            return;
        }
        invalidate(found);
    }

    /** A cached post: its JSON and what visibility and the ETag need without the database. */
    public record CachedPost(long version, boolean published, long authorId, byte[] json) {

        static CachedPost of(Post post, byte[] json) {
            return new CachedPost(post.version(), post.published(), post.author().id(), json);
        }
    }
}
