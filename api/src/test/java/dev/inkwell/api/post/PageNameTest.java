package dev.inkwell.api.post;

import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.PostSort;
import dev.inkwell.domain.post.Visibility;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The names of kept list pages: two requests that may show different posts never share one. */
class PageNameTest {
    private static final PageRequest FIRST = new PageRequest(1, 20);

    private static PostQuery query(String q, Long category, String tag, Long author, Boolean published, PostSort sort, Visibility v) {
        return new PostQuery(q, category, tag, author, published, sort, v);
    }

    /** The name PostsResource gives the page of {@code query}. */
    private static String name(PostQuery query, PageRequest request, String cursor) {
        return PostsResource.pageName(query, PostsResource.shownTo(query), request, cursor);
    }

    @Test
    void everyFilterAndEveryReaderMakesAPageOfItsOwn() {
        List<String> names = List.of(
                name(PostQuery.all(Visibility.PUBLIC), FIRST, null),
                name(PostQuery.all(Visibility.ALL), FIRST, null),
                name(PostQuery.all(Visibility.ownedBy(7)), FIRST, null),
                name(PostQuery.all(Visibility.ownedBy(8)), FIRST, null),
                // A tag named "null" is a tag, not the absence of one; the same for every filter.
                name(query(null, null, "null", null, null, null, Visibility.PUBLIC), FIRST, null),
                name(query(null, 7L, null, null, null, null, Visibility.PUBLIC), FIRST, null),
                name(query(null, null, null, 7L, null, null, Visibility.PUBLIC), FIRST, null),
                name(query(null, null, "7", null, null, null, Visibility.PUBLIC), FIRST, null),
                name(query(null, null, null, null, false, null, Visibility.PUBLIC), FIRST, null),
                name(query(null, null, null, null, true, null, Visibility.PUBLIC), FIRST, null),
                name(query(null, null, null, null, null, PostSort.OLDEST, Visibility.PUBLIC), FIRST, null),
                name(PostQuery.all(Visibility.PUBLIC), new PageRequest(2, 20), null),
                name(PostQuery.all(Visibility.PUBLIC), new PageRequest(1, 21), null),
                name(PostQuery.all(Visibility.PUBLIC), FIRST, "abc"),
                name(query("null", null, null, null, null, null, Visibility.PUBLIC), FIRST, null),
                // Free text that looks like the lines after it.
                name(query("a\ncursor=abc", null, null, null, null, PostSort.NEWEST, Visibility.PUBLIC), FIRST, null),
                name(query("a", null, null, null, null, PostSort.NEWEST, Visibility.PUBLIC), FIRST, "abc"));
        Set<String> distinct = new HashSet<>(names);
        assertThat(distinct).hasSameSizeAs(names);
    }

    @Test
    void aPageOfPublishedPostsOnlyIsEveryonesAndAnyOtherIsItsReadersOwn() {
        PostQuery anonymous = query(null, 3L, null, null, true, null, Visibility.PUBLIC);
        for (Visibility reader : List.of(Visibility.ALL, Visibility.ownedBy(4))) {
            PostQuery published = query(null, 3L, null, null, true, null, reader);
            assertThat(PostsResource.shownTo(published)).isEqualTo(Visibility.PUBLIC);
            assertThat(name(published, FIRST, null)).isEqualTo(name(anonymous, FIRST, null));
            PostQuery any = query(null, 3L, null, null, null, null, reader);
            assertThat(PostsResource.shownTo(any)).isEqualTo(reader);
            assertThat(name(any, FIRST, null)).isNotEqualTo(name(query(null, 3L, null, null, null, null, Visibility.PUBLIC), FIRST, null));
        }
        PostQuery drafts = query(null, null, null, null, false, null, Visibility.ownedBy(4));
        assertThat(PostsResource.shownTo(drafts)).as("unpublished posts are each reader's own").isEqualTo(Visibility.ownedBy(4));
    }
}
