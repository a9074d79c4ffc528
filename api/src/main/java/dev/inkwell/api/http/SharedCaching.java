package dev.inkwell.api.http;

/**
 * The {@code Cache-Control} of the API's readable answers (posts and lists), in one place. A shared
 * cache (a CDN, a proxy) may keep what every reader is shown alike, and must ask again before each
 * use ({@code no-cache}: with the post's {@code ETag}, a 304 when unchanged), so that it never
 * serves a page or a post after a write the API has acknowledged. What only a signed-in reader
 * sees (drafts, e-mail addresses) is for that reader's own cache only.
 */
public final class SharedCaching {
    /** Every reader is shown the same: shared caches may keep it, revalidated before each use. */
    public static final String PUBLIC = "public, no-cache";
    /** A signed-in reader's own (drafts, e-mail addresses): their own cache only. */
    public static final String PRIVATE = "private, no-cache";

    private SharedCaching() {
    }

    /** The value for an answer that every reader is shown alike ({@code shared}) or not. */
    public static String of(boolean shared) {
        return shared ? PUBLIC : PRIVATE;
    }
}
