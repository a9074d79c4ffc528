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

    @Test
    void everyFilterAndEveryReaderMakesAPageOfItsOwn() {
        List<String> names = List.of(
                PostsResource.pageName(PostQuery.all(Visibility.PUBLIC), FIRST, null),
                PostsResource.pageName(PostQuery.all(Visibility.ALL), FIRST, null),
                PostsResource.pageName(PostQuery.all(Visibility.ownedBy(7)), FIRST, null),
                PostsResource.pageName(PostQuery.all(Visibility.ownedBy(8)), FIRST, null),
                // A tag named "null" is a tag, not the absence of one; the same for every filter.
                PostsResource.pageName(query(null, null, "null", null, null, null, Visibility.PUBLIC), FIRST, null),
                PostsResource.pageName(query(null, 7L, null, null, null, null, Visibility.PUBLIC), FIRST, null),
                PostsResource.pageName(query(null, null, null, 7L, null, null, Visibility.PUBLIC), FIRST, null),
                PostsResource.pageName(query(null, null, "7", null, null, null, Visibility.PUBLIC), FIRST, null),
                PostsResource.pageName(query(null, null, null, null, false, null, Visibility.PUBLIC), FIRST, null),
                PostsResource.pageName(query(null, null, null, null, true, null, Visibility.PUBLIC), FIRST, null),
                PostsResource.pageName(query(null, null, null, null, null, PostSort.OLDEST, Visibility.PUBLIC), FIRST, null),
                PostsResource.pageName(PostQuery.all(Visibility.PUBLIC), new PageRequest(2, 20), null),
                PostsResource.pageName(PostQuery.all(Visibility.PUBLIC), new PageRequest(1, 21), null),
                PostsResource.pageName(PostQuery.all(Visibility.PUBLIC), FIRST, "abc"),
                PostsResource.pageName(query("null", null, null, null, null, null, Visibility.PUBLIC), FIRST, null),
                // Free text that looks like the lines after it.
                PostsResource.pageName(query("a\ncursor=abc", null, null, null, null, PostSort.NEWEST, Visibility.PUBLIC), FIRST, null),
                PostsResource.pageName(query("a", null, null, null, null, PostSort.NEWEST, Visibility.PUBLIC), FIRST, "abc"));
        Set<String> distinct = new HashSet<>(names);
        assertThat(distinct).hasSameSizeAs(names);
    }

    @Test
    void theSameRequestHasTheSameName() {
        assertThat(PostsResource.pageName(query("word", 3L, "java", 4L, true, null, Visibility.ownedBy(4)), FIRST, null))
                .isEqualTo(PostsResource.pageName(query("word", 3L, "java", 4L, true, PostSort.RELEVANCE, Visibility.ownedBy(4)),
                        new PageRequest(1, 20), null));
    }
}
