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
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.feed.FeedFixture.BASE;
import static dev.inkwell.api.feed.FeedFixture.atomIds;
import static dev.inkwell.api.feed.FeedFixture.rssIds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Atom and RSS feeds say, read as a feed reader reads them (ROME, and the JDK's XML
 * parser for well-formedness), on real PostgreSQL and Redis: a category's or a tag's newest
 * published posts by publication time, correct dates, absolute links under the configured base
 * URL, and escaping that survives any text, even characters XML cannot carry. How the feeds
 * answer requests: {@link FeedRequestsApiIT}; feeds after a write: {@link FeedInvalidationApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FeedDocumentsApiIT {
    static final ApiApp API = FeedFixture.app();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final FeedFixture BLOG = new FeedFixture(API);

    static OffsetDateTime publishedAt(long post) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT published_at FROM posts WHERE id = :id").bind("id", post)
                .mapTo(OffsetDateTime.class).one());
    }

    static Date toSecond(OffsetDateTime time) {
        return Date.from(time.toInstant().truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void aCategorysAtomFeedListsItsNewestPublishedPostsByPublicationTimeAsAReaderReadsThem() {
        long category = BLOG.category("Engines");
        String name = BLOG.http.get("/api/categories/" + category).expect(200).get("name").asText();
        // Written first, published last: the newest by publication, the oldest by creation.
        long late = BLOG.post("published late", "first written", category, List.of("history"), false);
        List<Long> published = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            published.add(BLOG.post("post " + i, "content " + i, category, List.of("math", "history"), true));
        }
        long draft = BLOG.post("a draft", "not yet", category, List.of(), false);
        long elsewhere = BLOG.post("elsewhere", "another category", BLOG.category("Other"), List.of(), true);
        BLOG.http.patch("/api/posts/" + late, fields("published", true)).as(BLOG.author()).expect(200);

        Feed feed = BLOG.feeds.atom("/api/feeds/categories/" + category + ".atom");

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
        assertThat(first.getAuthors().get(0).getName()).isEqualTo(BLOG.author().username());
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
        long older = BLOG.post("older", "plain", null, List.of(tag), true);
        long newer = BLOG.post("Tom & Jerry <b>", "<script>alert('x')</script> & more\nline 2", null, List.of(tag, "other"), true);
        BLOG.post("untagged", "not in the feed", null, List.of(), true);
        long id = BLOG.tagId(tag);

        byte[] xml = BLOG.feeds.ok("/api/feeds/tags/" + id + ".rss");
        Channel channel = (Channel) FeedReader.rome(xml, "rss_2.0");

        assertThat(rssIds(channel)).containsExactly(newer, older);
        assertThat(channel.getTitle()).isEqualTo("Inkwell: posts tagged " + tag);
        assertThat(channel.getLink()).isEqualTo(BASE + "/api/posts?published=true&tag=" + tag);
        Item item = channel.getItems().get(0);
        assertThat(item.getTitle()).isEqualTo("Tom & Jerry <b>");
        assertThat(item.getGuid().getValue()).isEqualTo(BASE + "/api/posts/" + newer);
        assertThat(item.getGuid().isPermaLink()).isTrue();
        assertThat(item.getPubDate()).isEqualTo(toSecond(publishedAt(newer)));
        assertThat(((DCModule) item.getModule(DCModule.URI)).getCreator()).isEqualTo(BLOG.author().username());
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
        long category = BLOG.category("R&D <Lab>");
        String name = BLOG.http.get("/api/categories/" + category).expect(200).get("name").asText();
        String title = "<b>\"Tom & Jerry\"</b> ]]> 'x' \uD83D\uDE00";
        long markup = BLOG.post(title, "a < b && c > d ]]>", category, List.of("c++"), true);
        long hostile = BLOG.post("plain", "plain", category, List.of(), true);
        // Text the API would refuse, written around it (older rows, SQL by hand).
        API.jdbi().useHandle(h -> h.createUpdate("UPDATE posts SET title = :t, content = :c WHERE id = :id")
                .bind("t", "bell\u0007 escape\u001B[31m nonchar\uFFFF").bind("c", "vertical\u000Btab form\u000Cfeed")
                .bind("id", hostile).execute());

        for (String format : List.of("atom", "rss")) {
            byte[] xml = BLOG.feeds.ok("/api/feeds/categories/" + category + "." + format);
            FeedReader.dom(xml);
            List<String> titles = format.equals("atom")
                    ? ((Feed) FeedReader.rome(xml, "atom_1.0")).getEntries().stream().map(Entry::getTitle).toList()
                    : ((Channel) FeedReader.rome(xml, "rss_2.0")).getItems().stream().map(Item::getTitle).toList();
            assertThat(titles).as(format).containsExactly("bell\uFFFD escape\uFFFD[31m nonchar\uFFFD", title);
        }
        Feed atom = BLOG.feeds.atom("/api/feeds/categories/" + category + ".atom");
        assertThat(atom.getTitle()).startsWith("Inkwell: posts in R&D <Lab>").isEqualTo("Inkwell: posts in " + name);
        assertThat(atom.getEntries().get(0).getContents().get(0).getValue()).isEqualTo("vertical\uFFFDtab form\uFFFDfeed");
        assertThat(atom.getEntries().get(1).getContents().get(0).getValue()).isEqualTo("a < b && c > d ]]>");
        assertThat(atom.getEntries().get(1).getId()).isEqualTo(BASE + "/api/posts/" + markup);
    }
}
