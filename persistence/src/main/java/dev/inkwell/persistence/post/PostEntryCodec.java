package dev.inkwell.persistence.post;

import dev.inkwell.persistence.post.PostCache.CachedPost;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How {@link PostCache} keeps a post in Redis (its list pages are kept as every list's are:
 * {@link dev.inkwell.persistence.cache.ListPage}): one ASCII header line, then the JSON as sent, so a hit hands the JSON out without parsing it. A change of this layout, like one
 * of the JSON's shape, needs a new key version ({@link dev.inkwell.persistence.cache.CachedShape}):
 * an entry that does not decode is dropped and read again, but one that decodes wrongly is not.
 */
final class PostEntryCodec {
    private PostEntryCodec() {
    }

    /** "version published authorId\n" (published: 1 or 0) then the JSON. */
    static byte[] encode(CachedPost post) {
        return withHeader(post.version() + " " + (post.published() ? 1 : 0) + " " + post.authorId(), post.json());
    }

    /** The post, or null when the entry is not one (damaged, or written by something else). */
    static CachedPost decodePost(byte[] entry) {
        int newline = indexOfNewline(entry);
        String[] header = new String(entry, 0, newline, StandardCharsets.US_ASCII).split(" ");
        if (newline == entry.length || header.length != 3 || !(header[1].equals("0") || header[1].equals("1"))) {
            return null;
        }
        byte[] json = Arrays.copyOfRange(entry, newline + 1, entry.length);
        try {
            return new CachedPost(Long.parseLong(header[0]), header[1].equals("1"), Long.parseLong(header[2]), json);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static byte[] withHeader(String header, byte[] json) {
        byte[] line = (header + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(line, line.length + json.length);
        System.arraycopy(json, 0, out, line.length, json.length);
        return out;
    }

    private static int indexOfNewline(byte[] entry) {
        int newline = 0;
        while (newline < entry.length && entry[newline] != '\n') {
            newline++;
        }
        return newline;
    }
}
