package dev.inkwell.persistence.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A list page as sent: its JSON and the cursor of the next page (for the {@code Link} header),
 * or null on the last page; and how the read cache keeps one, for every list (posts, users,
 * categories, tags): the cursor (or nothing) on one ASCII line, then the JSON, so that a hit hands
 * out both without parsing the JSON. A change of this layout needs a new key version of every
 * kind of kept page ({@link CachedShape}): an entry that does not decode is dropped and built
 * again, but one that decodes wrongly is not.
 */
public record ListPage(String nextCursor, byte[] json) {

    /** The entry the read cache keeps. */
    public byte[] entry() {
        byte[] line = ((nextCursor == null ? "" : nextCursor) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(line, line.length + json.length);
        System.arraycopy(json, 0, out, line.length, json.length);
        return out;
    }

    /** The page an entry holds, or null when it is not one (no header line: damaged, or written by something else). */
    public static ListPage ofEntry(byte[] entry) {
        int newline = 0;
        while (newline < entry.length && entry[newline] != '\n') {
            newline++;
        }
        if (newline == entry.length) {
            return null;
        }
        String cursor = new String(entry, 0, newline, StandardCharsets.US_ASCII);
        return new ListPage(cursor.isEmpty() ? null : cursor, Arrays.copyOfRange(entry, newline + 1, entry.length));
    }
}
