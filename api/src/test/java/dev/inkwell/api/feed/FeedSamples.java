package dev.inkwell.api.feed;

import dev.inkwell.domain.post.Post;
import dev.inkwell.persistence.post.PostFeeds.FeedPosts;
import dev.inkwell.persistence.post.PostFeeds.Scope;

import java.time.OffsetDateTime;
import java.util.List;

/** Feeds written as the API writes them, for tests outside this package (the read cache's pinned shapes). */
public final class FeedSamples {
    private FeedSamples() {
    }

    /** A feed of one fully populated post in {@code format}, as the API keeps it (ETag line, then the XML). */
    public static byte[] keptFeed(FeedFormat format, OffsetDateTime time) {
        Post post = new Post(42, "Title", "title", "Content", true, time, null, time, time, 7, new Post.Author(3, "ada"),
                new Post.CategoryRef(5, "Science"), List.of("java", "jdbi"), 0);
        byte[] xml = new FeedDocuments(new FeedLinks("https://blog.example.com"), "Inkwell")
                .write(format, Scope.category(5), new FeedPosts("Science", List.of(post)));
        return KeptFeed.of(xml).entry();
    }

    /** The XML of an entry {@link #keptFeed} made. */
    public static byte[] xml(byte[] entry) {
        return KeptFeed.ofEntry(entry).xml();
    }
}
