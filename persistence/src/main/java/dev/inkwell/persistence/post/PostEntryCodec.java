package dev.inkwell.persistence.post;

import dev.inkwell.persistence.cache.HeaderLine;
import dev.inkwell.persistence.post.PostCache.CachedPost;

/**
 * How {@link PostCache} keeps a post in Redis (its list pages are kept as every list's are:
 * {@link dev.inkwell.persistence.cache.ListPage}): a {@link HeaderLine}, then the JSON as sent,
 * so a hit hands the JSON out without parsing it. A change of this layout, like one of the
 * JSON's shape, needs a new key version ({@link dev.inkwell.persistence.cache.CachedShape}):
 * an entry that does not decode is dropped and read again, but one that decodes wrongly is not.
 */
final class PostEntryCodec {
    private PostEntryCodec() {
    }

    /** "version published authorId\n" (published: 1 or 0) then the JSON. */
    static byte[] encode(CachedPost post) {
        return HeaderLine.join(post.version() + " " + (post.published() ? 1 : 0) + " " + post.authorId(), post.json());
    }

    /** The post, or null when the entry is not one (damaged, or written by something else). */
    static CachedPost decodePost(byte[] entry) {
        int newline = HeaderLine.end(entry);
        String[] header = HeaderLine.header(entry, newline).split(" ");
        if (newline == entry.length || header.length != 3 || !(header[1].equals("0") || header[1].equals("1"))) {
            return null;
        }
        byte[] json = HeaderLine.json(entry, newline);
        try {
            return new CachedPost(Long.parseLong(header[0]), header[1].equals("1"), Long.parseLong(header[2]), json);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
