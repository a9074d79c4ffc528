package dev.inkwell.persistence.cache;

/**
 * A list page as sent: its JSON and the cursor of the next page (for the {@code Link} header),
 * or null on the last page; and how the read cache keeps one, for every list (posts, users,
 * categories, tags): the cursor (or nothing) on the {@link HeaderLine}, then the JSON, so that a
 * hit hands out both without parsing the JSON. A change of this layout needs a new key version of every
 * kind of kept page ({@link CachedShape}): an entry that does not decode is dropped and built
 * again, but one that decodes wrongly is not.
 */
public record ListPage(String nextCursor, byte[] json) {

    /** The entry the read cache keeps. */
    public byte[] entry() {
        return HeaderLine.join(nextCursor == null ? "" : nextCursor, json);
    }

    /** The page an entry holds, or null when it is not one (no header line: damaged, or written by something else). */
    public static ListPage ofEntry(byte[] entry) {
        int end = HeaderLine.end(entry);
        if (end == entry.length) {
            return null;
        }
        String cursor = HeaderLine.header(entry, end);
        return new ListPage(cursor.isEmpty() ? null : cursor, HeaderLine.json(entry, end));
    }
}
