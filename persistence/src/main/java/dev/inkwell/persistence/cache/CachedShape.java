package dev.inkwell.persistence.cache;

/**
 * Every kind of response JSON (and XML) the read cache keeps, with its versioned key and the shape pinned
 * for that version. An entry of an old shape must never be sent after a deploy, so a key's
 * version moves whenever its JSON's shape does; the API's {@code CachedShapeTest} writes a fully
 * populated sample of each kind as the API does, hashes its field paths and value kinds, and fails
 * when the hash differs from the pin, or the pin's version from the key's (and
 * {@code PostEntryCodecTest} and {@code ListPageTest} pin the layout of the entries around the
 * JSON per version). A new kind of kept JSON gets a constant here, and that test a sample of it.
 */
public enum CachedShape {
    /** A post's entry, {@code post:v3:<id>}: {@code GET /api/posts/{id}}. v2: the post's slug and publish_at; v3: its comment_count. */
    POST("post:v3", "v3:19181859d3c58f21"),
    /** The kept pages of post lists and searches (their items are posts' JSON). v3: as POST's. */
    POST_PAGES("post-pages:v3", "v3:2ff9d57b133a150c"),
    /**
     * The kept pages of the user, category and tag lists. v2: kept as every list page is, its
     * next cursor on a line before the JSON ({@link ListPage}); v1 entries were the bare JSON.
     */
    USER_PAGES("user-pages:v2", "v2:9cf29ce9290e061d"),
    CATEGORY_PAGES("category-pages:v2", "v2:9c5760065addd68f"),
    TAG_PAGES("tag-pages:v2", "v2:f80504c86dfe992d"),
    /**
     * The kept Atom and RSS feeds of published posts (XML, not JSON: their shape is the paths of
     * their elements and attributes), their ETag on the line before the XML.
     */
    POST_FEEDS("post-feeds:v1", "v1:783ea8bb5a597404");

    private final String key;
    private final String pinnedShape;

    CachedShape(String key, String pinnedShape) {
        this.key = key;
        this.pinnedShape = pinnedShape;
    }

    /** The key (or the first part of the keys) this JSON is kept under, its version last: {@code post:v1}. */
    public String key() {
        return key;
    }

    /** The version in {@link #key()}: {@code v1}. */
    public String version() {
        return key.substring(key.lastIndexOf(':') + 1);
    }

    /** The shape pinned for the key's version: the version, ":", then the hash the test computes. */
    public String pinnedShape() {
        return pinnedShape;
    }
}
