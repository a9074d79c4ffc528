package dev.inkwell.api.feed;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * What the Atom and RSS writers share: the JDK's own {@link XMLStreamWriter} (it escapes markup in
 * text and attributes; nothing is ever concatenated into XML), text made fit for XML 1.0, and the
 * two formats' dates.
 */
final class FeedXml {
    /** What stands for a character XML 1.0 cannot carry. */
    static final char REPLACEMENT = '\uFFFD';

    private FeedXml() {
    }

    /** A writer of UTF-8 XML to {@code out}; the JDK's implementation, whatever StAX provider the classpath holds. */
    static XMLStreamWriter writer(OutputStream out) throws XMLStreamException {
        // A factory per document: documents are written only when a kept feed was dropped, and the
        // factory's thread safety is not promised.
        return XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
    }

    /**
     * {@code text} with every character XML 1.0 forbids replaced by U+FFFD: controls other than
     * tab, newline and carriage return, U+FFFE and U+FFFF, and surrogates that are not a pair. The
     * API refuses such text in what it writes, but rows written otherwise (SQL, older versions)
     * may hold it, and one such character would make the whole feed unreadable.
     */
    static String text(String text) {
        int first = firstForbidden(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(allowed(c) ? c : REPLACEMENT);
            }
        }
        return out.toString();
    }

    private static int firstForbidden(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (!allowed(c)) {
                return i;
            }
        }
        return -1;
    }

    /** A character XML 1.0 allows on its own (a surrogate never is). */
    private static boolean allowed(char c) {
        return c >= 0x20 && c < 0xD800 || c == '\t' || c == '\n' || c == '\r' || c > 0xDFFF && c < 0xFFFE;
    }

    /** Writes {@code <name>text</name>}, the text made fit for XML. */
    static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text(text));
        w.writeEndElement();
    }

    /** An Atom (RFC 3339) date in UTC, to the second: {@code 2026-12-06T16:22:58Z}. */
    static String atomDate(Instant time) {
        return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /** An RSS (RFC 822, with a four-digit year) date in GMT: {@code Sun, 6 Dec 2026 16:22:58 GMT}. */
    static String rssDate(Instant time) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(time.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}
