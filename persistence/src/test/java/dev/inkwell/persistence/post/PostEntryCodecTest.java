package dev.inkwell.persistence.post;

import dev.inkwell.persistence.cache.CachedShape;
import dev.inkwell.persistence.post.PostCache.CachedPost;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The entries of the post cache: their layout, what decodes back, and what is refused. */
class PostEntryCodecTest {
    /**
     * The layout of each key version's entries. A new layout needs a new version of the key
     * ({@link CachedShape}), and a line here; a new version with the same layout, a line too.
     */
    private static final Map<String, String> POST_LAYOUTS = Map.of("v1", "7 1 3\n{\"id\":1}", "v2", "7 1 3\n{\"id\":1}",
            "v3", "7 1 3\n{\"id\":1}");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void aPostIsItsVersionPublishedAndAuthorOnOneLineThenItsJson() {
        byte[] entry = PostEntryCodec.encode(new CachedPost(7, true, 3, bytes("{\"id\":1}")));
        assertThat(text(entry)).as("the layout of %s", CachedShape.POST.key()).isEqualTo(POST_LAYOUTS.get(CachedShape.POST.version()));
        assertThat(text(PostEntryCodec.encode(new CachedPost(8, false, 4, bytes("{}"))))).isEqualTo("8 0 4\n{}");
    }

    @Test
    void aPostDecodesToWhatWasEncodedWhateverItsJsonHolds() {
        String json = "{\"content\":\"line\\nbreak\",\n \"title\":\"\u00e9\ud83d\ude00\"}";
        CachedPost decoded = PostEntryCodec.decodePost(PostEntryCodec.encode(new CachedPost(Long.MAX_VALUE, false, -1, bytes(json))));
        assertThat(decoded.version()).isEqualTo(Long.MAX_VALUE);
        assertThat(decoded.published()).isFalse();
        assertThat(decoded.authorId()).isEqualTo(-1);
        assertThat(text(decoded.json())).isEqualTo(json);
    }

    @Test
    void anEntryThatIsNotAPostDecodesToNull() {
        for (String entry : new String[] {"", "{\"id\":1}", "7 1 3", "7 1\n{}", "7 1 3 4\n{}", "7 2 3\n{}", "7 true 3\n{}",
                "x 1 3\n{}", "7 1 y\n{}", " 7 1 3\n{}"}) {
            assertThat(PostEntryCodec.decodePost(bytes(entry))).as(entry).isNull();
        }
    }
}
