package dev.inkwell.persistence.post;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostCursor;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.PostSort;
import dev.inkwell.domain.post.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.inkwell.persistence.post.PostSearchFixture.query;
import static dev.inkwell.persistence.post.PostSearchFixture.titles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A text search ranks its matches in blocks of {@link PostRanking#BLOCK}, newest block first:
 * exact over all matches up to a block, the best of the newest block first beyond it, every match
 * once in block order by cursor or by page, a cursor walk not shifted by posts added or deleted
 * meanwhile, and a relevance cursor without its block refused. Which posts match:
 * {@link PostSearchMatchesIT}; pages and cursors of the other sorts: {@link PostSearchPagingIT}.
 */
class PostSearchRankingIT {
    @RegisterExtension
    final PostSearchFixture blog = new PostSearchFixture();

    /** {@code n} published posts of ann with "garden" (in the title of the oldest {@code inTitle}), the newest last. */
    private void gardens(int n, int inTitle) {
        blog.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO posts (author_id, title, content, published, published_at)
                        SELECT :author, CASE WHEN g <= :inTitle THEN 'garden party ' || g ELSE 'note ' || g END,
                               repeat('garden ', 1 + g % 4) || repeat('other words ', g % 7), true, now()
                          FROM generate_series(1, :n) g
                        """).bind("author", blog.ann.id()).bind("inTitle", inTitle).bind("n", n).execute());
    }

    /** The ids of the matches of {@code word} in the order a ranking in blocks of {@code block} gives. */
    private List<Long> rankedInBlocks(String word, int block) {
        return blog.jdbi().withHandle(h -> h.createQuery("""
                        SELECT id FROM (SELECT s.post_id AS id, ts_rank(s.search, q) AS rank,
                                               row_number() OVER (ORDER BY s.post_id DESC) AS n
                                          FROM post_search s CROSS JOIN websearch_to_tsquery('english', :w) AS q
                                         WHERE s.search @@ q) m
                         ORDER BY (n - 1) / :block, rank DESC, id DESC
                        """).bind("w", word).bind("block", block).mapTo(Long.class).list());
    }

    private static List<Long> ids(Page<Post> page) {
        return page.items().stream().map(Post::id).toList();
    }

    @Test
    void upToABlockOfMatchesTheRankingIsExactOverAllOfThem() {
        gardens(PostRanking.BLOCK, 10);
        List<Long> exact = rankedInBlocks("garden", Integer.MAX_VALUE);
        assertThat(exact).hasSize(PostRanking.BLOCK);

        Page<Post> page = PagesWithPosts.search(blog.reads(), query("garden", null, null, null, null, null, Visibility.PUBLIC), new PageRequest(1, 20));

        assertThat(ids(page)).containsExactlyElementsOf(exact.subList(0, 20));
        assertThat(titles(page).subList(0, 10)).allSatisfy(t -> assertThat(t).startsWith("garden party"));
        assertThat(page.total()).isEqualTo(PostRanking.BLOCK);
        assertThat(page.totalExact()).isTrue();
    }

    @Test
    void beyondABlockOfMatchesTheFirstPagesAreTheBestRankedOfTheNewestBlock() {
        gardens(PostRanking.BLOCK + 50, 50); // the title matches rank best, and are the oldest
        List<Long> inBlocks = rankedInBlocks("garden", PostRanking.BLOCK);
        List<Long> overAll = rankedInBlocks("garden", Integer.MAX_VALUE);
        assertThat(inBlocks.subList(0, 20)).isNotEqualTo(overAll.subList(0, 20));

        Page<Post> page = PagesWithPosts.search(blog.reads(), query("garden", null, null, null, null, null, Visibility.PUBLIC), new PageRequest(1, 20));

        assertThat(ids(page)).containsExactlyElementsOf(inBlocks.subList(0, 20));
        assertThat(titles(page)).noneSatisfy(t -> assertThat(t).startsWith("garden party"));
        assertThat(page.total()).isEqualTo(PostRanking.BLOCK + 50);
        // The older block's best come once the newest block is through.
        Page<Post> next = PagesWithPosts.search(blog.reads(), query("garden", null, null, null, null, null, Visibility.PUBLIC),
                new PageRequest(PostRanking.BLOCK / 20 + 1, 20));
        assertThat(titles(next)).allSatisfy(t -> assertThat(t).startsWith("garden party"));
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 30, 100})
    void walkingARankingOfSeveralBlocksByCursorOrByPageShowsEveryMatchOnceInBlockOrder(int perPage) {
        gardens(2 * PostRanking.BLOCK + 37, 60);
        PostQuery query = query("garden", null, null, null, null, null, Visibility.PUBLIC);
        List<Long> expected = rankedInBlocks("garden", PostRanking.BLOCK);

        List<Long> byCursor = new ArrayList<>();
        Page<Post> page = PagesWithPosts.search(blog.reads(), query, new PageRequest(1, perPage));
        byCursor.addAll(ids(page));
        while (page.nextCursor() != null) {
            page = PagesWithPosts.searchAfter(blog.reads(), query, PostCursor.decode(page.nextCursor()), perPage);
            assertThat(page.items()).isNotEmpty();
            byCursor.addAll(ids(page));
        }
        assertThat(byCursor).containsExactlyElementsOf(expected);

        List<Long> byPage = new ArrayList<>();
        for (int n = 1; n <= (expected.size() + perPage - 1) / perPage; n++) {
            byPage.addAll(ids(PagesWithPosts.search(blog.reads(), query, new PageRequest(n, perPage))));
        }
        assertThat(byPage).containsExactlyElementsOf(expected);
    }

    @Test
    void aCursorWalkIsNotShiftedByPostsAddedOrDeletedMeanwhile() {
        gardens(PostRanking.BLOCK + 30, 0);
        PostQuery query = query("garden", null, null, null, null, null, Visibility.PUBLIC);
        List<Long> expected = new ArrayList<>(rankedInBlocks("garden", PostRanking.BLOCK));

        Page<Post> page = PagesWithPosts.search(blog.reads(), query, new PageRequest(1, 50));
        List<Long> walked = new ArrayList<>(ids(page));
        // Newer than every block begun: not shown by this walk. A deleted post is just left out.
        blog.post(blog.ann, null, "garden news", "garden garden garden", true);
        long deleted = expected.get(120);
        blog.jdbi().useHandle(h -> h.execute("DELETE FROM posts WHERE id = ?", deleted));
        expected.remove(Long.valueOf(deleted));
        while (page.nextCursor() != null) {
            page = PagesWithPosts.searchAfter(blog.reads(), query, PostCursor.decode(page.nextCursor()), 50);
            walked.addAll(ids(page));
        }
        assertThat(walked).containsExactlyElementsOf(expected);
    }

    @Test
    void aRelevanceCursorWithoutItsBlockIsInvalid() {
        PostCursor forged = new PostCursor(PostSort.RELEVANCE, 1, "0.5");
        assertThatThrownBy(() -> PagesWithPosts.searchAfter(blog.reads(), query("garden", null, null, null, null, null, Visibility.PUBLIC), forged, 5))
                .isInstanceOf(InvalidException.class);
    }
}
