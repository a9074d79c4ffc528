package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.Post;
import dev.inkwell.persistence.cache.ReadCache;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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

    private final ReadCache cache;
    private final PostDao posts;

    public PostCache(ReadCache cache, PostDao posts) {
        this.cache = cache;
        this.posts = posts;
    }

    /** The post, from the cache or the database; {@code json} writes a post's wire form. */
    public Optional<CachedPost> find(long id, Function<Post, byte[]> json) {
        return cache.get(KIND + id, () -> posts.findById(id).map(p -> CachedPost.of(p, json.apply(p)).encode()))
                .map(CachedPost::decode);
    }

    public void invalidate(long postId) {
        cache.invalidate(List.of(KIND + postId));
    }

    public void invalidate(Collection<Long> postIds) {
        cache.invalidate(postIds.stream().map(id -> KIND + id).toList());
    }

    /** After a user's username changed (committed): every post they wrote embeds it. */
    public void invalidateByAuthor(long userId) {
        invalidate(posts.idsByAuthor(userId));
    }

    /** After a category was renamed (committed). Deletes pass the ids that {@link dev.inkwell.persistence.category.CategoryDao#delete} returns. */
    public void invalidateByCategory(long categoryId) {
        invalidate(posts.idsInCategory(categoryId));
    }

    /** After a tag was renamed (committed). Deletes pass the ids that {@link dev.inkwell.persistence.tag.TagDao#delete} returns. */
    public void invalidateByTag(long tagId) {
        invalidate(posts.idsWithTag(tagId));
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

        static CachedPost decode(byte[] entry) {
            int newline = 0;
            while (entry[newline] != '\n') {
                newline++;
            }
            String[] header = new String(entry, 0, newline, StandardCharsets.US_ASCII).split(" ");
            byte[] json = new byte[entry.length - newline - 1];
            System.arraycopy(entry, newline + 1, json, 0, json.length);
            return new CachedPost(Long.parseLong(header[0]), header[1].equals("1"), Long.parseLong(header[2]), json);
        }
    }
}
