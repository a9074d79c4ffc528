package dev.inkwell.api.feed;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The layout of a kept feed under {@code post-feeds:v1} (a change needs a new key version). */
class KeptFeedTest {

    @Test
    void anEntryIsTheETagLineThenTheXml() {
        byte[] xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><feed/>".getBytes(StandardCharsets.UTF_8);
        KeptFeed feed = KeptFeed.of(xml);
        assertThat(feed.etag()).matches("\"[0-9a-f]{16}\"");
        assertThat(new String(feed.entry(), StandardCharsets.UTF_8)).isEqualTo(feed.etag() + "\n" + new String(xml, StandardCharsets.UTF_8));
        KeptFeed read = KeptFeed.ofEntry(feed.entry());
        assertThat(read.etag()).isEqualTo(feed.etag());
        assertThat(read.xml()).isEqualTo(xml);
    }

    @Test
    void theETagChangesWithAnyByte() {
        assertThat(KeptFeed.of("<a>1</a>".getBytes(StandardCharsets.UTF_8)).etag())
                .isNotEqualTo(KeptFeed.of("<a>2</a>".getBytes(StandardCharsets.UTF_8)).etag());
    }

    @Test
    void anEntryOfAnotherLayoutIsNotAFeed() {
        assertThat(KeptFeed.ofEntry("<feed/>".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(KeptFeed.ofEntry("cursor\n{\"items\":[]}".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
