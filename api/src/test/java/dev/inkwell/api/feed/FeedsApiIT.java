package dev.inkwell.api.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.InkwellApiApplication;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.api.StatementLog;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Atom and RSS feeds on real PostgreSQL and Redis, read as a feed reader reads them (ROME,
 * and the JDK's XML parser for well-formedness): the newest published posts by publication time,
 * correct dates, escaping that survives any text, absolute links under the configured base URL
 * whatever the request says, conditional GET, and a kept feed answered without SQL.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FeedsApiIT {
    static final String BASE = "https://blog.example.com/site";
    static final ApiApp API = new ApiApp(ConfigOverride.config("feeds.baseUrl", BASE + "/"));
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);
    static final FeedReader FEEDS = new FeedReader(API);

    static ApiApp.Session author;
    static StatementLog sql;

    @BeforeAll
    static void setUp() {
        author = API.signUp("feeder");
        sql = new StatementLog(APP.<InkwellApiApplication>getApplication().jdbi());
    }

    @AfterAll
    static void tearDown() {
        if (sql != null) {
            sql.stop();
        }
    }

    static long category(String stem) {
        return HTTP.post("/api/categories", fields("name", ApiApp.unique(stem))).as(author).expect(201).get("id").asLong();
    }

    static long post(String title, String content, Long category, List<String> tags, boolean published) {
        return HTTP.post("/api/posts", fields("title", title, "content", content, "category_id", category, "tags", tags,
                "published", published)).as(author).expect(201).get("id").asLong();
    }

    static long tagId(String name) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT id FROM tags WHERE lower(name) = lower(:n)").bind("n", name)
                .mapTo(Long.class).one());
    }

    static OffsetDateTime publishedAt(long post) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT published_at FROM posts WHERE id = :id").bind("id", post)
                .mapTo(OffsetDateTime.class).one());
    }

    static Date toSecond(OffsetDateTime time) {
        return Date.from(time.toInstant().truncatedTo(ChronoUnit.SECONDS));
    }

    static List<Long> atomIds(Feed feed) {
        return feed.getEntries().stream().map(e -> Long.parseLong(e.getId().substring((BASE + "/api/posts/").length()))).toList();
    }

    static List<Long> rssIds(Channel channel) {
        return channel.getItems().stream().map(i -> Long.parseLong(i.getLink().substring((BASE + "/api/posts/").length()))).toList();
    }

    @Test
    void aCategorysAtomFeedListsItsNewestPublishedPostsByPublicationTimeAsAReaderReadsThem() {
        long category = category("Engines");
        String name = HTTP.get("/api/categories/" + category).expect(200).get("name").asText();
        // Written first, published last: the newest by publication, the oldest by creation.
        long late = post("published late", "first written", category, List.of("history"), false);
        List<Long> published = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            published.add(post("post " + i, "content " + i, category, List.of("math", "history"), true));
        }
        long draft = post("a draft", "not yet", category, List.of(), false);
        long elsewhere = post("elsewhere", "another category", category("Other"), List.of(), true);
        HTTP.patch("/api/posts/" + late, fields("published", true)).as(author).expect(200);

        Feed feed = FEEDS.atom("/api/feeds/categories/" + category + ".atom");

        List<Long> expected = new ArrayList<>(List.of(late));
        for (int i = published.size() - 1; expected.size() < 20; i--) {
            expected.add(published.get(i));
        }
        assertThat(atomIds(feed)).as("the newest 20 published, by publication time").containsExactlyElementsOf(expected)
                .doesNotContain(draft, elsewhere, published.get(0));
        assertThat(feed.getTitle()).isEqualTo("Inkwell: posts in " + name);
        assertThat(feed.getId()).isEqualTo(BASE + "/api/feeds/categories/" + category + ".atom");
        assertThat(feed.getOtherLinks()).extracting(Link::getRel, Link::getHref)
                .contains(org.assertj.core.groups.Tuple.tuple("self", BASE + "/api/feeds/categories/" + category + ".atom"));
        assertThat(feed.getAlternateLinks()).extracting(Link::getHref)
                .containsExactly(BASE + "/api/posts?published=true&category_id=" + category);
        assertThat(feed.getUpdated()).isNotNull();

        Entry first = feed.getEntries().get(0);
        assertThat(first.getTitle()).isEqualTo("published late");
        assertThat(first.getContents().get(0).getValue()).isEqualTo("first written");
        assertThat(first.getContents().get(0).getType()).isEqualTo("text");
        assertThat(first.getAlternateLinks()).extracting(Link::getHref).containsExactly(BASE + "/api/posts/" + late);
        assertThat(first.getAuthors().get(0).getName()).isEqualTo(author.username());
        assertThat(first.getPublished()).isEqualTo(toSecond(publishedAt(late)));
        assertThat(first.getUpdated()).isAfterOrEqualTo(first.getPublished());
        assertThat(first.getCategories()).extracting(Category::getTerm, Category::getScheme).containsExactly(
                org.assertj.core.groups.Tuple.tuple(name, BASE + "/api/categories"),
                org.assertj.core.groups.Tuple.tuple("history", BASE + "/api/tags"));
        assertThat(feed.getUpdated()).as("the feed's time: its latest entry update")
                .isEqualTo(feed.getEntries().stream().map(Entry::getUpdated).max(Date::compareTo).orElseThrow());
    }

    @Test
    void aTagsRssFeedHasRfc822DatesPermanentLinksAndDescriptionsThatShowTheTextAsWritten() {
        String tag = ApiApp.unique("rss");
        long older = post("older", "plain", null, List.of(tag), true);
        long newer = post("Tom & Jerry <b>", "<script>alert('x')</script> & more\nline 2", null, List.of(tag, "other"), true);
        post("untagged", "not in the feed", null, List.of(), true);
        long id = tagId(tag);

        byte[] xml = FEEDS.ok("/api/feeds/tags/" + id + ".rss");
        Channel channel = (Channel) FeedReader.rome(xml, "rss_2.0");

        assertThat(rssIds(channel)).containsExactly(newer, older);
        assertThat(channel.getTitle()).isEqualTo("Inkwell: posts tagged " + tag);
        assertThat(channel.getLink()).isEqualTo(BASE + "/api/posts?published=true&tag=" + tag);
        Item item = channel.getItems().get(0);
        assertThat(item.getTitle()).isEqualTo("Tom & Jerry <b>");
        assertThat(item.getGuid().getValue()).isEqualTo(BASE + "/api/posts/" + newer);
        assertThat(item.getGuid().isPermaLink()).isTrue();
        assertThat(item.getPubDate()).isEqualTo(toSecond(publishedAt(newer)));
        assertThat(((DCModule) item.getModule(DCModule.URI)).getCreator()).isEqualTo(author.username());
        assertThat(item.getCategories()).extracting(com.rometools.rome.feed.rss.Category::getValue).as("by name").containsExactly("other", tag);
        // A reader takes the description as HTML: the text shows as written, nothing runs.
        assertThat(item.getDescription().getValue())
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more<br>\nline 2");
        assertThat(new String(xml, StandardCharsets.UTF_8)).doesNotContain("<script>").doesNotContain("<b>");

        Document dom = FeedReader.dom(xml);
        String pubDate = dom.getElementsByTagName("pubDate").item(0).getTextContent();
        assertThat(pubDate).matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                + "\\d{2}:\\d{2}:\\d{2} GMT");
    }

    @Test
    void markupAndCharactersXmlCannotCarryNeverBreakTheFeed() {
        long category = category("R&D <Lab>");
        String name = HTTP.get("/api/categories/" + category).expect(200).get("name").asText();
        String title = "<b>\"Tom & Jerry\"</b> ]]> 'x' \uD83D\uDE00";
        long markup = post(title, "a < b && c > d ]]>", category, List.of("c++"), true);
        long hostile = post("plain", "plain", category, List.of(), true);
        // Text the API would refuse, written around it (older rows, SQL by hand).
        API.jdbi().useHandle(h -> h.createUpdate("UPDATE posts SET title = :t, content = :c WHERE id = :id")
                .bind("t", "bell\u0007 escape\u001B[31m nonchar\uFFFF").bind("c", "vertical\u000Btab form\u000Cfeed")
                .bind("id", hostile).execute());

        for (String format : List.of("atom", "rss")) {
            byte[] xml = FEEDS.ok("/api/feeds/categories/" + category + "." + format);
            FeedReader.dom(xml);
            List<String> titles = format.equals("atom")
                    ? ((Feed) FeedReader.rome(xml, "atom_1.0")).getEntries().stream().map(Entry::getTitle).toList()
                    : ((Channel) FeedReader.rome(xml, "rss_2.0")).getItems().stream().map(Item::getTitle).toList();
            assertThat(titles).as(format).containsExactly("bell\uFFFD escape\uFFFD[31m nonchar\uFFFD", title);
        }
        Feed atom = FEEDS.atom("/api/feeds/categories/" + category + ".atom");
        assertThat(atom.getTitle()).startsWith("Inkwell: posts in R&D <Lab>").isEqualTo("Inkwell: posts in " + name);
        assertThat(atom.getEntries().get(0).getContents().get(0).getValue()).isEqualTo("vertical\uFFFDtab form\uFFFDfeed");
        assertThat(atom.getEntries().get(1).getContents().get(0).getValue()).isEqualTo("a < b && c > d ]]>");
        assertThat(atom.getEntries().get(1).getId()).isEqualTo(BASE + "/api/posts/" + markup);
    }

    @Test
    void aConditionalGetWithTheFeedsETagIs304UntilTheFeedChanges() {
        long category = category("Conditional");
        long post = post("before", "x", category, List.of(), true);
        String path = "/api/feeds/categories/" + category + ".atom";

        FeedReader.Answer first = FEEDS.get(path);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).isEqualTo("application/atom+xml;charset=UTF-8");
        assertThat(first.cacheControl()).isEqualTo("public, no-cache");
        assertThat(first.etag()).matches("\"[0-9a-f]{16}\"");

        for (String ifNoneMatch : List.of(first.etag(), "W/" + first.etag(), "\"other\", " + first.etag(), "*")) {
            FeedReader.Answer again = FEEDS.get(path, "If-None-Match", ifNoneMatch);
            assertThat(again.status()).as(ifNoneMatch).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.etag()).isEqualTo(first.etag());
            assertThat(again.cacheControl()).isEqualTo("public, no-cache");
        }
        assertThat(FEEDS.get(path, "If-None-Match", "\"0000000000000000\"").status()).isEqualTo(200);

        HTTP.patch("/api/posts/" + post, fields("title", "after")).as(author).expect(200);
        FeedReader.Answer changed = FEEDS.get(path, "If-None-Match", first.etag());
        assertThat(changed.status()).as("the feed changed").isEqualTo(200);
        assertThat(changed.etag()).isNotEqualTo(first.etag());
        assertThat(changed.text()).contains(">after<");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/feeds/posts.atom", "/api/feeds/posts.rss"})
    void aKeptFeedIsAnsweredWithoutSqlAndIsTheSameDocumentEachTime(String path) {
        post("kept", "x", null, List.of(), true);
        FeedReader.Answer built = FEEDS.get(path);
        sql.clear();
        FeedReader.Answer kept = FEEDS.get(path);
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
            FeedReader.Answer missing = FEEDS.get(path);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.contentType()).startsWith("application/problem+json");
        }
        long empty = category("Empty");
        Feed feed = FEEDS.atom("/api/feeds/categories/" + empty + ".atom");
        assertThat(feed.getEntries()).isEmpty();
        assertThat(feed.getUpdated()).as("a feed without entries still has a time").isNotNull();
        assertThat(FEEDS.rss("/api/feeds/categories/" + empty + ".rss").getItems()).isEmpty();
    }

    @Test
    void anAcceptWithoutTheFeedsTypeIs406() {
        FeedReader.Answer json = FEEDS.get("/api/feeds/posts.atom", "Accept", "application/json");
        assertThat(json.status()).isEqualTo(406);
        assertThat(json.contentType()).startsWith("application/problem+json");
    }

    @Test
    void linksNeverComeFromTheRequestsHostOrForwardedHeaders() throws Exception {
        post("linked", "x", null, List.of(), true);
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

    // --- never stale after an acknowledged write (each feed is read, and so kept, before the write)

    @Test
    void anEditedUnpublishedOrDeletedPostShowsInTheFeedsAtOnce() {
        long category = category("Edits");
        long edited = post("original", "x", category, List.of(), true);
        long unpublished = post("to unpublish", "x", category, List.of(), true);
        long deleted = post("to delete", "x", category, List.of(), true);
        String atom = "/api/feeds/categories/" + category + ".atom";
        String rss = "/api/feeds/categories/" + category + ".rss";
        assertThat(atomIds(FEEDS.atom(atom))).containsExactly(deleted, unpublished, edited);
        assertThat(rssIds(FEEDS.rss(rss))).containsExactly(deleted, unpublished, edited);

        HTTP.patch("/api/posts/" + edited, fields("title", "edited", "content", "new content")).as(author).expect(200);
        assertThat(FEEDS.atom(atom).getEntries().get(2).getTitle()).isEqualTo("edited");
        assertThat(FEEDS.rss(rss).getItems().get(2).getTitle()).isEqualTo("edited");

        HTTP.patch("/api/posts/" + unpublished, fields("published", false)).as(author).expect(200);
        assertThat(atomIds(FEEDS.atom(atom))).containsExactly(deleted, edited);
        assertThat(rssIds(FEEDS.rss(rss))).containsExactly(deleted, edited);

        HTTP.delete("/api/posts/" + deleted).as(author).expect(204);
        assertThat(atomIds(FEEDS.atom(atom))).containsExactly(edited);
        assertThat(rssIds(FEEDS.rss(rss))).containsExactly(edited);

        long fresh = post("fresh", "x", category, List.of(), true);
        assertThat(atomIds(FEEDS.atom(atom))).containsExactly(fresh, edited);
    }

    @Test
    void aPostMovedToAnotherCategoryLeavesOneCategorysFeedForTheOthers() {
        long from = category("From");
        long to = category("To");
        long moved = post("moving", "x", from, List.of(), true);
        String fromFeed = "/api/feeds/categories/" + from + ".atom";
        String toFeed = "/api/feeds/categories/" + to + ".atom";
        assertThat(atomIds(FEEDS.atom(fromFeed))).containsExactly(moved);
        assertThat(atomIds(FEEDS.atom(toFeed))).isEmpty();

        HTTP.patch("/api/posts/" + moved, fields("category_id", to)).as(author).expect(200);
        assertThat(atomIds(FEEDS.atom(fromFeed))).isEmpty();
        assertThat(atomIds(FEEDS.atom(toFeed))).containsExactly(moved);
    }

    @Test
    void aRenamedRemovedOrDeletedTagShowsInTheFeedsAtOnce() {
        ApiApp.Session admin = API.admin();
        String name = ApiApp.unique("tagged");
        long kept = post("keeps the tag", "x", null, List.of(name), true);
        long untagged = post("loses the tag", "x", null, List.of(name), true);
        long tag = tagId(name);
        String tagFeed = "/api/feeds/tags/" + tag + ".atom";
        String all = "/api/feeds/posts.atom";
        assertThat(atomIds(FEEDS.atom(tagFeed))).containsExactly(untagged, kept);
        assertThat(FEEDS.atom(all).getEntries().get(1).getCategories()).extracting(Category::getTerm).containsExactly(name);

        String renamed = ApiApp.unique("renamed");
        HTTP.patch("/api/tags/" + tag, fields("name", renamed)).as(admin).expect(200);
        Feed afterRename = FEEDS.atom(tagFeed);
        assertThat(afterRename.getTitle()).isEqualTo("Inkwell: posts tagged " + renamed);
        assertThat(afterRename.getEntries().get(0).getCategories()).extracting(Category::getTerm).containsExactly(renamed);
        assertThat(FEEDS.atom(all).getEntries().get(1).getCategories()).extracting(Category::getTerm).containsExactly(renamed);

        HTTP.patch("/api/posts/" + untagged, fields("tags", List.of())).as(author).expect(200);
        assertThat(atomIds(FEEDS.atom(tagFeed))).containsExactly(kept);

        FEEDS.rss("/api/feeds/tags/" + tag + ".rss");
        HTTP.delete("/api/tags/" + tag).as(admin).expect(204);
        assertThat(FEEDS.get(tagFeed).status()).isEqualTo(404);
        assertThat(FEEDS.get("/api/feeds/tags/" + tag + ".rss").status()).isEqualTo(404);
        assertThat(FEEDS.atom(all).getEntries().stream().filter(e -> e.getId().endsWith("/" + kept)).findFirst().orElseThrow()
                .getCategories()).isEmpty();
    }

    @Test
    void aRenamedOrDeletedCategoryAndARenamedAuthorShowInTheFeedsAtOnce() {
        ApiApp.Session admin = API.admin();
        ApiApp.Session writer = API.signUp("renamed-author");
        long category = category("Before");
        long post = HTTP.post("/api/posts", fields("title", "t", "content", "x", "category_id", category, "published", true))
                .as(writer).expect(201).get("id").asLong();
        String feed = "/api/feeds/categories/" + category + ".atom";
        assertThat(atomIds(FEEDS.atom(feed))).containsExactly(post);
        FEEDS.rss("/api/feeds/posts.rss");

        String name = ApiApp.unique("After");
        HTTP.patch("/api/categories/" + category, fields("name", name)).as(admin).expect(200);
        Feed renamed = FEEDS.atom(feed);
        assertThat(renamed.getTitle()).isEqualTo("Inkwell: posts in " + name);
        assertThat(renamed.getEntries().get(0).getCategories()).extracting(Category::getTerm).containsExactly(name);

        String username = ApiApp.unique("newname");
        HTTP.patch("/api/users/" + writer.id(), fields("username", username)).as(writer).expect(200);
        assertThat(FEEDS.atom(feed).getEntries().get(0).getAuthors().get(0).getName()).isEqualTo(username);
        Item item = FEEDS.rss("/api/feeds/posts.rss").getItems().stream().filter(i -> i.getLink().endsWith("/" + post)).findFirst()
                .orElseThrow();
        assertThat(((DCModule) item.getModule(DCModule.URI)).getCreator()).isEqualTo(username);

        HTTP.delete("/api/categories/" + category).as(admin).expect(204);
        assertThat(FEEDS.get(feed).status()).isEqualTo(404);
    }
}
