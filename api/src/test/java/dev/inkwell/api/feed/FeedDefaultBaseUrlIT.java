package dev.inkwell.api.feed;

import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.inkwell.api.JsonHttp.fields;
import static org.assertj.core.api.Assertions.assertThat;

/** Without a configured base URL the feeds link to localhost on the port the API listens on: never to a host a client names. */
@ExtendWith(DropwizardExtensionsSupport.class)
class FeedDefaultBaseUrlIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    @Test
    void withoutABaseUrlTheFeedsLinkToLocalhostOnTheListeningPort() {
        ApiApp.Session author = API.signUp("localfeed");
        long post = new JsonHttp(API).post("/api/posts", fields("title", "t", "content", "x", "published", true)).as(author)
                .expect(201).get("id").asLong();
        String base = "http://localhost:" + APP.getLocalPort();
        Feed feed = new FeedReader(API).atom("/api/feeds/posts.atom");
        assertThat(feed.getId()).isEqualTo(base + "/api/feeds/posts.atom");
        assertThat(feed.getEntries().get(0).getAlternateLinks()).extracting(Link::getHref).containsExactly(base + "/api/posts/" + post);
    }
}
