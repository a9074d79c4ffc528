package dev.inkwell.api.feed;

import com.rometools.rome.feed.atom.Feed;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.InkwellApiApplication;
import dev.inkwell.api.StatementLog;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.feed.FeedFixture.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the feeds answer requests: 304 to a conditional GET with the feed's ETag until the feed
 * changes, a kept feed answered without SQL, the same document each time, 404 for the feed of a
 * category or tag that does not exist, 406 to an Accept without the feed's type, and links that
 * never come from the request's Host or forwarded headers. What the feeds say:
 * {@link FeedDocumentsApiIT}; feeds after a write: {@link FeedInvalidationApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FeedRequestsApiIT {
    static final ApiApp API = FeedFixture.app();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final FeedFixture BLOG = new FeedFixture(API);

    static StatementLog sql;

    @BeforeAll
    static void setUp() {
        sql = new StatementLog(APP.<InkwellApiApplication>getApplication().jdbi());
    }

    @AfterAll
    static void tearDown() {
        if (sql != null) {
            sql.stop();
        }
    }

    @Test
    void aConditionalGetWithTheFeedsETagIs304UntilTheFeedChanges() {
        long category = BLOG.category("Conditional");
        long post = BLOG.post("before", "x", category, List.of(), true);
        String path = "/api/feeds/categories/" + category + ".atom";

        FeedReader.Answer first = BLOG.feeds.get(path);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).isEqualTo("application/atom+xml;charset=UTF-8");
        assertThat(first.cacheControl()).isEqualTo("public, no-cache");
        assertThat(first.etag()).matches("\"[0-9a-f]{16}\"");

        for (String ifNoneMatch : List.of(first.etag(), "W/" + first.etag(), "\"other\", " + first.etag(), "*")) {
            FeedReader.Answer again = BLOG.feeds.get(path, "If-None-Match", ifNoneMatch);
            assertThat(again.status()).as(ifNoneMatch).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.etag()).isEqualTo(first.etag());
            assertThat(again.cacheControl()).isEqualTo("public, no-cache");
        }
        assertThat(BLOG.feeds.get(path, "If-None-Match", "\"0000000000000000\"").status()).isEqualTo(200);

        BLOG.http.patch("/api/posts/" + post, fields("title", "after")).as(BLOG.author()).expect(200);
        FeedReader.Answer changed = BLOG.feeds.get(path, "If-None-Match", first.etag());
        assertThat(changed.status()).as("the feed changed").isEqualTo(200);
        assertThat(changed.etag()).isNotEqualTo(first.etag());
        assertThat(changed.text()).contains(">after<");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/feeds/posts.atom", "/api/feeds/posts.rss"})
    void aKeptFeedIsAnsweredWithoutSqlAndIsTheSameDocumentEachTime(String path) {
        BLOG.post("kept", "x", null, List.of(), true);
        FeedReader.Answer built = BLOG.feeds.get(path);
        sql.clear();
        FeedReader.Answer kept = BLOG.feeds.get(path);
        assertThat(sql.statements()).as("statements of a kept feed").isEmpty();
        assertThat(kept.body()).isEqualTo(built.body());
        assertThat(kept.etag()).isEqualTo(built.etag());
        assertThat(kept.contentType()).isEqualTo(built.contentType());
    }

    @Test
    void theFeedOfACategoryOrTagThatDoesNotExistIs404AndIsKeptNowhere() {
        long next = Long.MAX_VALUE;
        for (String path : List.of("/api/feeds/categories/" + next + ".atom", "/api/feeds/categories/" + next + ".rss",
                "/api/feeds/tags/" + next + ".atom", "/api/feeds/tags/" + next + ".rss")) {
            FeedReader.Answer missing = BLOG.feeds.get(path);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.contentType()).startsWith("application/problem+json");
            sql.clear();
            assertThat(BLOG.feeds.get(path).status()).as(path).isEqualTo(404);
            assertThat(sql.statements()).as("%s asked again: looked up again, not kept", path).isNotEmpty();
        }
        long empty = BLOG.category("Empty");
        Feed feed = BLOG.feeds.atom("/api/feeds/categories/" + empty + ".atom");
        assertThat(feed.getEntries()).isEmpty();
        assertThat(feed.getUpdated()).as("a feed without entries still has a time").isNotNull();
        assertThat(BLOG.feeds.rss("/api/feeds/categories/" + empty + ".rss").getItems()).isEmpty();
    }

    @Test
    void anAcceptWithoutTheFeedsTypeIs406() {
        FeedReader.Answer json = BLOG.feeds.get("/api/feeds/posts.atom", "Accept", "application/json");
        assertThat(json.status()).isEqualTo(406);
        assertThat(json.contentType()).startsWith("application/problem+json");
    }

    @Test
    void linksNeverComeFromTheRequestsHostOrForwardedHeaders() throws Exception {
        BLOG.post("linked", "x", null, List.of(), true);
        String request = "GET /api/feeds/posts.atom HTTP/1.1\r\nHost: evil.example.net\r\nX-Forwarded-Host: evil.example.org\r\n"
                + "X-Forwarded-Proto: http\r\nForwarded: host=evil.example.com;proto=http\r\nAccept: application/atom+xml\r\n"
                + "Connection: close\r\n\r\n";
        String answer;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), APP.getLocalPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try (InputStream in = socket.getInputStream()) {
                in.transferTo(all);
            }
            answer = all.toString(StandardCharsets.UTF_8);
        }
        assertThat(answer).startsWith("HTTP/1.1 200").contains(BASE + "/api/posts/").doesNotContain("evil.example");
    }
}
