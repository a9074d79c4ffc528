package dev.inkwell.persistence.post;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostCursor;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.PostSort;
import dev.inkwell.domain.post.Visibility;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.inkwell.persistence.post.PostSearchFixture.query;
import static dev.inkwell.persistence.post.PostSearchFixture.titles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a search of the database pages: offset pages stable and counted, a walk by cursor that
 * visits every match once in the order of each sort, cursors of another sort or with a forged key
 * refused, and a fixed number of statements whatever the page size. Which posts match:
 * {@link PostSearchMatchesIT}; the ranking of many matches in blocks: {@link PostSearchRankingIT}.
 */
class PostSearchPagingIT {
    @RegisterExtension
    final PostSearchFixture blog = new PostSearchFixture();

    @Test
    void offsetPagesAreStableAndCounted() {
        for (int i = 0; i < 7; i++) {
            blog.post(blog.ann, null, "p" + i, "x", true);
        }
        // All made in one instant (as an import or the demo seed makes them): the newest first is
        // then the order of the ids alone, and each page boundary falls inside the tie.
        blog.database().execute("UPDATE posts SET created_at = now()");
        List<String> walked = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            Page<Post> page = PagesWithPosts.search(blog.reads(), PostQuery.all(Visibility.PUBLIC), new PageRequest(n, 3));
            assertThat(page.page()).isEqualTo(n);
            assertThat(page.total()).as("total on page %d", n).isEqualTo(7);
            assertThat(page.pages()).as("pages on page %d", n).isEqualTo(3);
            assertThat(page.nextCursor() != null).as("a next page after page %d", n).isEqualTo(n < 3);
            Page<Post> again = PagesWithPosts.search(blog.reads(), PostQuery.all(Visibility.PUBLIC), new PageRequest(n, 3));
            assertThat(titles(again)).as("page %d read again", n).isEqualTo(titles(page));
            walked.addAll(titles(page));
        }
        assertThat(walked).containsExactly("p6", "p5", "p4", "p3", "p2", "p1", "p0");
    }

    @ParameterizedTest
    @EnumSource(PostSort.class)
    void walkingByCursorVisitsEveryMatchOnceInOrder(PostSort sort) {
        for (int i = 0; i < 11; i++) {
            // repeated titles and equal ranks make ties that only the id breaks
            blog.post(i % 2 == 0 ? blog.ann : blog.ben, null, "title " + (i % 3), "garden words " + i, true);
        }
        String q = sort == PostSort.RELEVANCE ? "garden" : null;
        PostQuery query = query(q, null, null, null, null, sort, Visibility.PUBLIC);
        List<Long> expected = PagesWithPosts.search(blog.reads(), query, new PageRequest(1, 100)).items().stream().map(Post::id).toList();
        assertThat(expected).hasSize(11);

        List<Long> walked = new ArrayList<>();
        Page<Post> page = PagesWithPosts.search(blog.reads(), query, new PageRequest(1, 4));
        walked.addAll(page.items().stream().map(Post::id).toList());
        while (page.nextCursor() != null) {
            page = PagesWithPosts.searchAfter(blog.reads(), query, PostCursor.decode(page.nextCursor()), 4);
            assertThat(page.total()).isEqualTo(11);
            assertThat(page.page()).isNull();
            walked.addAll(page.items().stream().map(Post::id).toList());
        }
        assertThat(walked).containsExactlyElementsOf(expected);
    }

    @Test
    void cursorOfAnotherSortIsRejected() {
        blog.post(blog.ann, null, "a", "x", true);
        blog.post(blog.ann, null, "b", "x", true);
        String cursor = PagesWithPosts.search(blog.reads(), PostQuery.all(Visibility.PUBLIC), new PageRequest(1, 1)).nextCursor();
        PostQuery byTitle = query(null, null, null, null, null, PostSort.TITLE, Visibility.PUBLIC);
        assertThatThrownBy(() -> PagesWithPosts.searchAfter(blog.reads(), byTitle, PostCursor.decode(cursor), 1))
                .isInstanceOf(InvalidException.class);
    }

    @Test
    void forgedCursorKeyIsInvalidNotAnError() {
        PostCursor forged = new PostCursor(PostSort.NEWEST, 1, "not-a-time");
        assertThatThrownBy(() -> PagesWithPosts.searchAfter(blog.reads(), PostQuery.all(Visibility.PUBLIC), forged, 5))
                .isInstanceOf(InvalidException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void listAndSearchUseAFixedNumberOfStatementsWhateverThePageSize(int perPage) {
        Category[] categories = {blog.cooking, blog.travel, null};
        for (int i = 0; i < 120; i++) {
            blog.post(i % 2 == 0 ? blog.ann : blog.ben, categories[i % 3], "words number " + i, "lorem ipsum " + i, true,
                    "t" + (i % 5), "u" + (i % 7), "v" + (i % 11));
        }
        AtomicInteger statements = new AtomicInteger();
        blog.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.incrementAndGet();
            }
        });

        Page<Post> list = PagesWithPosts.search(blog.reads(), PostQuery.all(Visibility.PUBLIC), new PageRequest(1, perPage));
        assertThat(list.items()).hasSize(perPage);
        assertThat(list.items()).allSatisfy(p -> {
            assertThat(p.author().username()).isNotNull();
            assertThat(p.tags()).hasSize(3);
        });
        assertThat(statements.getAndSet(0)).as("the total, the plan mode, the page, its posts").isEqualTo(4);

        Page<Post> search = PagesWithPosts.search(blog.reads(), query("lorem", null, "t1", null, null, null, Visibility.PUBLIC), new PageRequest(1, perPage));
        assertThat(search.items()).hasSize(Math.min(perPage, 24));
        assertThat(statements.getAndSet(0)).as("the ranked page with its total, its posts").isEqualTo(2);

        Page<Post> after = PagesWithPosts.searchAfter(blog.reads(), PostQuery.all(Visibility.PUBLIC), PostCursor.decode(list.nextCursor()), perPage);
        assertThat(after.items()).isNotEmpty();
        assertThat(statements.get()).isEqualTo(3);

        Set<Long> seen = new HashSet<>();
        list.items().forEach(p -> seen.add(p.id()));
        after.items().forEach(p -> assertThat(seen.add(p.id())).isTrue());
    }
}
