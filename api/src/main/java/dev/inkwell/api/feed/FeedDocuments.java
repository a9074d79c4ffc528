package dev.inkwell.api.feed;

import dev.inkwell.domain.post.Post;
import dev.inkwell.persistence.post.PostFeeds.FeedPosts;
import dev.inkwell.persistence.post.PostFeeds.Scope;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;

/**
 * A feed's document, written once per kept feed: what it says of itself ({@link Head}) and its
 * posts, as Atom ({@link AtomFeed}) or RSS 2.0 ({@link RssFeed}). The bytes depend on the posts
 * and names only (no time of writing), so a feed written again after an unrelated write is the
 * same document with the same ETag.
 */
final class FeedDocuments {
    private final FeedLinks links;
    private final String site;

    FeedDocuments(FeedLinks links, String site) {
        this.links = links;
        this.site = site;
    }

    /**
     * What a feed says of itself: its title, its own URL, the same posts as a JSON list, and its
     * time: the latest update of its posts (the epoch for a feed without posts, which Atom still
     * needs a time for).
     */
    record Head(String title, String self, String list, Instant updated) {
    }

    byte[] write(FeedFormat format, Scope scope, FeedPosts found) {
        List<Post> posts = found.posts();
        Head head = new Head(title(scope, found.name()), links.self(format, scope), links.list(scope, found.name()),
                posts.stream().map(p -> p.updatedAt().toInstant()).max(Instant::compareTo).orElse(Instant.EPOCH));
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + posts.stream().mapToInt(p -> p.content().length() + 512).sum());
        try {
            XMLStreamWriter w = FeedXml.writer(out);
            w.writeStartDocument("UTF-8", "1.0");
            switch (format) {
                case ATOM -> AtomFeed.write(w, head, posts, links);
                case RSS -> RssFeed.write(w, head, posts, links);
            }
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a feed", e);
        }
        return out.toByteArray();
    }

    private String title(Scope scope, String name) {
        return switch (scope.kind()) {
            case ALL -> site + ": newest posts";
            case CATEGORY -> site + ": posts in " + name;
            case TAG -> site + ": posts tagged " + name;
        };
    }
}
