package dev.inkwell.api.feed;

import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;

/**
 * What the feed tests over HTTP ({@link FeedDocumentsApiIT}, {@link FeedRequestsApiIT},
 * {@link FeedInvalidationApiIT}) share: an app whose feeds link under {@link #BASE}, requests to
 * it as a client of the JSON API and as a feed reader, the author of their posts (made before the
 * first test), categories and posts made through the API, a tag's id, and the ids of the posts a
 * feed lists. Registered after the app's extension, it starts after the app:
 * {@code @RegisterExtension static final FeedFixture BLOG = new FeedFixture(API);}
 */
final class FeedFixture implements BeforeAllCallback {
    /** The configured base URL: every link of a feed starts with it, whatever the request says. */
    static final String BASE = "https://blog.example.com/site";

    private final ApiApp api;
    final JsonHttp http;
    final FeedReader feeds;
    private ApiApp.Session author;

    FeedFixture(ApiApp api) {
        this.api = api;
        this.http = new JsonHttp(api);
        this.feeds = new FeedReader(api);
    }

    /** An app whose feeds link under {@link #BASE}. */
    static ApiApp app() {
        return new ApiApp(ConfigOverride.config("feeds.baseUrl", BASE + "/"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        author = api.signUp("feeder");
    }

    /** The writer of the posts this fixture makes (one per app). */
    ApiApp.Session author() {
        return author;
    }

    long category(String stem) {
        return api.category(stem).get("id").asLong();
    }

    long post(String title, String content, Long category, List<String> tags, boolean published) {
        return http.post("/api/posts", fields("title", title, "content", content, "category_id", category, "tags", tags,
                "published", published)).as(author).expect(201).get("id").asLong();
    }

    long tagId(String name) {
        return api.jdbi().withHandle(h -> h.createQuery("SELECT id FROM tags WHERE lower(name) = lower(:n)").bind("n", name)
                .mapTo(Long.class).one());
    }

    /** The ids of the posts an Atom feed lists, in its order. */
    static List<Long> atomIds(Feed feed) {
        return feed.getEntries().stream().map(e -> Long.parseLong(e.getId().substring((BASE + "/api/posts/").length()))).toList();
    }

    /** The ids of the posts an RSS channel lists, in its order. */
    static List<Long> rssIds(Channel channel) {
        return channel.getItems().stream().map(i -> Long.parseLong(i.getLink().substring((BASE + "/api/posts/").length()))).toList();
    }
}
