package dev.inkwell.api.feed;

import dev.inkwell.api.post.PostETag;
import dev.inkwell.persistence.cache.HeaderLine;

/**
 * A feed as sent, its XML and ETag (a digest of the XML, so it changes whenever a byte does), and
 * how the read cache keeps one: the ETag on a {@link HeaderLine}, then the XML, so that a hit
 * answers a conditional GET without hashing the document again. A change of this layout needs a
 * new key version ({@code CachedShape.POST_FEEDS}).
 */
record KeptFeed(String etag, byte[] xml) {

    static KeptFeed of(byte[] xml) {
        return new KeptFeed(PostETag.ofBody(xml), xml);
    }

    byte[] entry() {
        return HeaderLine.join(etag, xml);
    }

    /** The feed an entry holds, or null when it is not one (damaged, or written by something else). */
    static KeptFeed ofEntry(byte[] entry) {
        int end = HeaderLine.end(entry);
        if (end == entry.length) {
            return null;
        }
        String etag = HeaderLine.header(entry, end);
        return etag.startsWith("\"") && etag.endsWith("\"") && etag.length() > 2 ? new KeptFeed(etag, HeaderLine.json(entry, end)) : null;
    }
}
