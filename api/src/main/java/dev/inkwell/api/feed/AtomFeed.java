package dev.inkwell.api.feed;

import dev.inkwell.api.feed.FeedDocuments.Head;
import dev.inkwell.domain.post.Post;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.util.List;

import static dev.inkwell.api.feed.FeedXml.atomDate;
import static dev.inkwell.api.feed.FeedXml.element;

/**
 * A feed as Atom (RFC 4287). Every post is an entry whose id is its URL, with its author, its
 * publication and update times, its category and tags as Atom categories (schemes: the category
 * and tag collections), and its content as text ({@code type="text"}: a reader shows it as
 * written, never as markup).
 */
final class AtomFeed {
    static final String NAMESPACE = "http://www.w3.org/2005/Atom";

    private AtomFeed() {
    }

    static void write(XMLStreamWriter w, Head head, List<Post> posts, FeedLinks links) throws XMLStreamException {
        w.writeStartElement("feed");
        w.writeDefaultNamespace(NAMESPACE);
        element(w, "id", head.self());
        text(w, "title", head.title());
        element(w, "updated", atomDate(head.updated()));
        link(w, "self", FeedFormat.ATOM, head.self());
        link(w, "alternate", null, head.list());
        element(w, "generator", "Inkwell");
        for (Post post : posts) {
            entry(w, post, links);
        }
        w.writeEndElement();
    }

    private static void entry(XMLStreamWriter w, Post post, FeedLinks links) throws XMLStreamException {
        String url = links.post(post.id());
        w.writeStartElement("entry");
        element(w, "id", url);
        text(w, "title", post.title());
        link(w, "alternate", null, url);
        element(w, "published", atomDate(post.publishedAt().toInstant()));
        element(w, "updated", atomDate(post.updatedAt().toInstant()));
        w.writeStartElement("author");
        element(w, "name", post.author().username());
        w.writeEndElement();
        if (post.category() != null) {
            category(w, post.category().name(), links.categories());
        }
        for (String tag : post.tags()) {
            category(w, tag, links.tags());
        }
        text(w, "content", post.content());
        w.writeEndElement();
    }

    /** A text construct of type text: shown as written. */
    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeAttribute("type", "text");
        w.writeCharacters(FeedXml.text(value));
        w.writeEndElement();
    }

    /** {@code format} null: the JSON the API serves. */
    private static void link(XMLStreamWriter w, String rel, FeedFormat format, String href) throws XMLStreamException {
        w.writeEmptyElement("link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("type", format == null ? "application/json" : format.mediaType());
        w.writeAttribute("href", href);
    }

    private static void category(XMLStreamWriter w, String term, String scheme) throws XMLStreamException {
        w.writeEmptyElement("category");
        w.writeAttribute("term", FeedXml.text(term));
        w.writeAttribute("scheme", scheme);
    }
}
