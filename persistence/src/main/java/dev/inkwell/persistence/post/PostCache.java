package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.Post;
import dev.inkwell.persistence.cache.ReadCache;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The read cache of single posts ({@code GET /api/posts/{id}}) and every invalidation a post's
 * copy needs: the post's own writes, and renames or deletes of what it embeds (its author's
 * username, its category, its tags). Every write path, in the api or the worker, calls one of
 * the {@code invalidate} methods after its transaction has committed.
 *
 * <p>An entry holds the post's reader-facing JSON plus what a hit needs without the database:
 * its version (the ETag), whether it is published, and its author (who may see a draft).
 */
public final class PostCache {
    /** Bump when the entry's layout or the JSON's shape changes: old entries are then ignored. */
    private static final String KIND = "post:v1:";
    private static final Logger LOG = LoggerFactory.getLogger(PostCache.class);

    private final ReadCache cache;
    private final PostReads reads;
    private final PostDao posts;

    public PostCache(ReadCache cache, Jdbi jdbi) {
        this.cache = cache;
        this.reads = new PostReads(jdbi);
        this.posts = jdbi.onDemand(PostDao.class);
    }

    /** The post, from the cache or the database; {@code json} writes a post's wire form. */
    public Optional<CachedPost> find(long id, Function<Post, byte[]> json) {
        Optional<byte[]> entry = cache.get(KIND + id, () -> reads.findById(id).map(p -> CachedPost.of(p, json.apply(p)).encode()));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        CachedPost post = CachedPost.decode(entry.get());
        if (post == null) {
            // Not ours (or damaged): drop it and answer from the database.
            LOG.warn("post cache: unreadable entry for post {} dropped", id);
            invalidate(id);
            return reads.findById(id).map(p -> CachedPost.of(p, json.apply(p)));
        }
        return Optional.of(post);
    }

    /**
     * The post if the cache holds a readable entry for it; never the database. Empty means
     * "ask {@link #find}", which loads (and deals with a damaged entry).
     */
    public Optional<CachedPost> cached(long id) {
        return cache.peek(KIND + id).map(CachedPost::decode);
    }

    public void invalidate(long postId) {
        cache.invalidate(List.of(KIND + postId));
    }

    public void invalidate(Collection<Long> postIds) {
        cache.invalidate(postIds.stream().map(id -> KIND + id).toList());
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

    /** A cached post: its JSON and what visibility and the ETag need. */
    public record CachedPost(long version, boolean published, long authorId, byte[] json) {

        static CachedPost of(Post post, byte[] json) {
            return new CachedPost(post.version(), post.published(), post.author().id(), json);
        }

        /** "version published authorId\n" then the JSON. */
        byte[] encode() {
            byte[] header = (version + " " + (published ? 1 : 0) + " " + authorId + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[header.length + json.length];
            System.arraycopy(header, 0, out, 0, header.length);
            System.arraycopy(json, 0, out, header.length, json.length);
            return out;
        }

        /** The entry, or null when it is not one (damaged, or written by something else). */
        static CachedPost decode(byte[] entry) {
            int newline = 0;
            while (newline < entry.length && entry[newline] != '\n') {
                newline++;
            }
            String[] header = new String(entry, 0, newline, StandardCharsets.US_ASCII).split(" ");
            if (newline == entry.length || header.length != 3 || !(header[1].equals("0") || header[1].equals("1"))) {
                return null;
            }
            byte[] json = new byte[entry.length - newline - 1];
            System.arraycopy(entry, newline + 1, json, 0, json.length);
            try {
                return new CachedPost(Long.parseLong(header[0]), header[1].equals("1"), Long.parseLong(header[2]), json);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
