package dev.inkwell.api.feed;

import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.io.WireFeedInput;
import dev.inkwell.api.ApiApp;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the API's feeds as a feed reader does (through {@link ApiApp#client()}, so every answer is
 * checked against the OpenAPI document too): the bytes, then the JDK's XML parser (well-formed,
 * namespaces) and ROME, a feed parser readers use, for what the feed says.
 */
final class FeedReader {
    private final ApiApp api;

    FeedReader(ApiApp api) {
        this.api = api;
    }

    /** An answer, its body read. */
    record Answer(int status, String contentType, String etag, String cacheControl, byte[] body) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** GET {@code path} as a feed reader asks for it, with extra header pairs. */
    Answer get(String path, String... headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(HttpHeaders.ACCEPT, "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.8");
        all.put(HttpHeaders.ACCEPT_ENCODING, "identity");
        all.put("Connection", "close");
        for (int i = 0; i < headers.length; i += 2) {
            all.put(headers[i], headers[i + 1]);
        }
        var request = api.client().target(api.url(path)).request();
        all.forEach(request::header);
        try (Response response = request.get()) {
            return new Answer(response.getStatus(), response.getHeaderString(HttpHeaders.CONTENT_TYPE),
                    response.getHeaderString(HttpHeaders.ETAG), response.getHeaderString(HttpHeaders.CACHE_CONTROL),
                    response.hasEntity() ? response.readEntity(byte[].class) : new byte[0]);
        }
    }

    /** GET {@code path}, which must answer 200 with a feed. */
    byte[] ok(String path) {
        Answer answer = get(path);
        assertThat(answer.status()).as("GET %s: %s", path, answer.text()).isEqualTo(200);
        return answer.body();
    }

    /** The document as the JDK's parser reads it, namespace-aware: fails when it is not well-formed XML. */
    static Document dom(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + new String(xml, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    /** The Atom feed at {@code path} as ROME reads it. */
    Feed atom(String path) {
        return (Feed) rome(ok(path), "atom_1.0");
    }

    /** The RSS feed at {@code path} as ROME reads it. */
    Channel rss(String path) {
        return (Channel) rome(ok(path), "rss_2.0");
    }

    static com.rometools.rome.feed.WireFeed rome(byte[] xml, String type) {
        dom(xml);
        try {
            com.rometools.rome.feed.WireFeed feed = new WireFeedInput().build(new InputSource(new ByteArrayInputStream(xml)));
            assertThat(feed.getFeedType()).isEqualTo(type);
            return feed;
        } catch (Exception e) {
            throw new AssertionError("ROME cannot read the feed: " + new String(xml, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }
}
