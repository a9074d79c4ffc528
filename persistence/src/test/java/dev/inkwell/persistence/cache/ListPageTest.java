package dev.inkwell.persistence.cache;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The kept entries of list pages (posts, users, categories, tags): their layout, what decodes back, and what is refused. */
class ListPageTest {
    /**
     * The layout of each kind of kept page under its key's version. A new layout needs a new
     * version of the key ({@link CachedShape}), and a line here; a new version with the same
     * layout, a line too. The user, category and tag pages were kept as bare JSON up to v1.
     */
    private static final Map<String, String> LAYOUTS = Map.of(
            "post-pages:v1", "abc\n{\"items\":[]}",
            "post-pages:v2", "abc\n{\"items\":[]}",
            "post-pages:v3", "abc\n{\"items\":[]}",
            "user-pages:v2", "abc\n{\"items\":[]}",
            "category-pages:v2", "abc\n{\"items\":[]}",
            "tag-pages:v2", "abc\n{\"items\":[]}");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void aListPageIsItsNextCursorOrNothingOnOneLineThenItsJson() {
        for (CachedShape pages : List.of(CachedShape.POST_PAGES, CachedShape.USER_PAGES, CachedShape.CATEGORY_PAGES, CachedShape.TAG_PAGES)) {
            assertThat(text(new ListPage("abc", bytes("{\"items\":[]}")).entry()))
                    .as("the layout of %s", pages.key()).isEqualTo(LAYOUTS.get(pages.key()));
        }
        assertThat(text(new ListPage(null, bytes("{}")).entry())).isEqualTo("\n{}");
    }

    @Test
    void aListPageDecodesToWhatWasEncoded() {
        ListPage withCursor = ListPage.ofEntry(new ListPage("c1", bytes("{\n}")).entry());
        assertThat(withCursor.nextCursor()).isEqualTo("c1");
        assertThat(text(withCursor.json())).isEqualTo("{\n}");
        ListPage last = ListPage.ofEntry(new ListPage(null, bytes("[]")).entry());
        assertThat(last.nextCursor()).isNull();
        assertThat(text(last.json())).isEqualTo("[]");
    }

    @Test
    void anEntryWithoutAHeaderLineIsNoListPage() {
        assertThat(ListPage.ofEntry(bytes("{\"items\":[]}"))).isNull();
        assertThat(ListPage.ofEntry(new byte[0])).isNull();
    }
}
