package dev.inkwell.api.feed;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedXmlTest {

    @Test
    void textXmlCanCarryIsKeptAsItIs() {
        String text = "tab\t newline\n return\r <&>\"' é \u00A0 \uD83D\uDE00 \uFFFD \u007F";
        assertThat(FeedXml.text(text)).isSameAs(text);
    }

    @Test
    void charactersXmlCannotCarryBecomeTheReplacementCharacter() {
        assertThat(FeedXml.text("a\u0000b\u0001c\u001Fd")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd");
        assertThat(FeedXml.text("x\uFFFEy\uFFFFz")).isEqualTo("x\uFFFDy\uFFFDz");
        assertThat(FeedXml.text("lone high \uD83D end")).isEqualTo("lone high \uFFFD end");
        assertThat(FeedXml.text("lone low \uDE00 end")).isEqualTo("lone low \uFFFD end");
        assertThat(FeedXml.text("high at the end \uD83D")).isEqualTo("high at the end \uFFFD");
        assertThat(FeedXml.text("\uDE00\uD83D")).as("a pair in the wrong order is two lone halves").isEqualTo("\uFFFD\uFFFD");
        assertThat(FeedXml.text("pair \uD83D\uDE00 then \u0007")).isEqualTo("pair \uD83D\uDE00 then \uFFFD");
    }

    @Test
    void atomDatesAreRfc3339InUtcToTheSecond() {
        assertThat(FeedXml.atomDate(Instant.parse("2026-12-06T16:22:58.987654Z"))).isEqualTo("2026-12-06T16:22:58Z");
        assertThat(FeedXml.atomDate(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
    }

    @Test
    void rssDatesAreRfc822InGmtWithEnglishNames() {
        assertThat(FeedXml.rssDate(Instant.parse("2026-12-06T16:22:58.987654Z"))).isEqualTo("Sun, 6 Dec 2026 16:22:58 GMT");
        assertThat(FeedXml.rssDate(Instant.parse("2027-01-15T03:04:05Z"))).isEqualTo("Fri, 15 Jan 2027 03:04:05 GMT");
    }

    @Test
    void rssDescriptionsAreHtmlThatShowsTheText() {
        assertThat(RssFeed.html("<a href=\"x\">'&'</a>\nnext")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;<br>\nnext");
    }

    @Test
    void aBaseUrlIsAnAbsoluteHttpUrlWithoutQueryFragmentOrUserInfo() {
        FeedsConfiguration feeds = new FeedsConfiguration();
        feeds.setBaseUrl(" https://blog.example.com/site// ");
        assertThat(feeds.getBaseUrl()).isEqualTo("https://blog.example.com/site");
        feeds.setBaseUrl("http://127.0.0.1:8080");
        assertThat(feeds.getBaseUrl()).isEqualTo("http://127.0.0.1:8080");
        feeds.setBaseUrl("");
        assertThat(feeds.getBaseUrl()).isEmpty();
        for (String wrong : new String[] {"blog.example.com", "/relative", "ftp://example.com", "https://example.com/?q=1",
                "https://example.com/#top", "https://user:pw@example.com", "https://exa mple.com", "javascript:alert(1)"}) {
            assertThatThrownBy(() -> feeds.setBaseUrl(wrong)).as(wrong).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("feeds.baseUrl");
        }
    }
}
