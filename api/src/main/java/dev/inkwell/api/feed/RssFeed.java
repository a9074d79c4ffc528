package dev.inkwell.api.feed;

import dev.inkwell.api.feed.FeedDocuments.Head;
import dev.inkwell.domain.post.Post;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.util.List;

import static dev.inkwell.api.feed.FeedXml.element;
import static dev.inkwell.api.feed.FeedXml.rssDate;

/**
 * A feed as RSS 2.0. Every post is an item with its URL as link and permanent guid, its
 * publication time ({@code pubDate}), its author as {@code dc:creator} (RSS's own {@code author}
 * wants an e-mail address), its category and tags as categories, and its content as the
 * description. Readers take an RSS description as HTML, so the text is HTML-escaped first (and
 * then escaped again as XML text by the writer): a post that says {@code <script>} shows those
 * characters and runs nothing; its line breaks become {@code <br>}.
 */
final class RssFeed {
    static final String DUBLIN_CORE = "http://purl.org/dc/elements/1.1/";

    private RssFeed() {
    }

    static void write(XMLStreamWriter w, Head head, List<Post> posts, FeedLinks links) throws XMLStreamException {
        w.writeStartElement("rss");
        w.writeAttribute("version", "2.0");
        w.writeNamespace("atom", AtomFeed.NAMESPACE);
        w.writeNamespace("dc", DUBLIN_CORE);
        w.writeStartElement("channel");
        element(w, "title", head.title());
        element(w, "link", head.list());
        element(w, "description", head.title());
        w.writeEmptyElement("atom", "link", AtomFeed.NAMESPACE);
        w.writeAttribute("rel", "self");
        w.writeAttribute("type", "application/rss+xml");
        w.writeAttribute("href", head.self());
        element(w, "generator", "Inkwell");
        if (!posts.isEmpty()) {
            element(w, "lastBuildDate", rssDate(head.updated()));
        }
        for (Post post : posts) {
            item(w, post, links);
        }
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void item(XMLStreamWriter w, Post post, FeedLinks links) throws XMLStreamException {
        String url = links.post(post.id());
        w.writeStartElement("item");
        element(w, "title", post.title());
        element(w, "link", url);
        w.writeStartElement("guid");
        w.writeAttribute("isPermaLink", "true");
        w.writeCharacters(url);
        w.writeEndElement();
        element(w, "pubDate", rssDate(post.publishedAt().toInstant()));
        w.writeStartElement("dc", "creator", DUBLIN_CORE);
        w.writeCharacters(FeedXml.text(post.author().username()));
        w.writeEndElement();
        if (post.category() != null) {
            category(w, post.category().name(), links.categories());
        }
        for (String tag : post.tags()) {
            category(w, tag, links.tags());
        }
        element(w, "description", html(post.content()));
        w.writeEndElement();
    }

    private static void category(XMLStreamWriter w, String name, String domain) throws XMLStreamException {
        w.writeStartElement("category");
        w.writeAttribute("domain", domain);
        w.writeCharacters(FeedXml.text(name));
        w.writeEndElement();
    }

    /** Plain text as HTML that shows it: markup characters escaped, line breaks as {@code <br>}. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n' -> out.append("<br>\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
