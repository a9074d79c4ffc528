package dev.inkwell.persistence.post;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostCursor;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.PostSort;
import dev.inkwell.domain.post.Visibility;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.user.UserDao;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.BeforeEach;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostSearchIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private User ann;
    private User ben;
    private Category cooking;
    private Category travel;

    @BeforeEach
    void fixtures() {
        ann = db.dao(UserDao.class).insert(NewUser.of("ann", "ann@example.com", null, null));
        ben = db.dao(UserDao.class).insert(NewUser.of("ben", "ben@example.com", null, null));
        cooking = db.dao(CategoryDao.class).insert(NewCategory.of("Cooking", null, null, null));
        travel = db.dao(CategoryDao.class).insert(NewCategory.of("Travel", null, null, null));
    }

    private PostDao posts() {
        return db.dao(PostDao.class);
    }

    private PostReads reads() {
        return new PostReads(db.jdbi());
    }

    private Post post(User author, Category category, String title, String content, boolean published, String... tags) {
        return posts().create(NewPost.of(author.id(), category == null ? null : category.id(), title, content, published, List.of(tags)));
    }

    private static PostQuery query(String q, Long categoryId, String tag, Long authorId, Boolean published, PostSort sort, Visibility visibility) {
        return new PostQuery(q, categoryId, tag, authorId, published, sort, visibility);
    }

    private Page<Post> search(PostQuery query) {
        return PagesWithPosts.search(reads(), query, new PageRequest(1, 100));
    }

    private static List<String> titles(Page<Post> page) {
        return page.items().stream().map(Post::title).toList();
    }

    @Test
    void anonymousReadersSeeOnlyPublishedPostsNewestFirst() {
        post(ann, cooking, "first", "x", true);
        post(ann, cooking, "draft", "x", false);
        post(ben, travel, "second", "x", true);
        Page<Post> page = search(PostQuery.all(Visibility.PUBLIC));
        assertThat(titles(page)).containsExactly("second", "first");
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void authorsAlsoSeeTheirOwnDraftsAndAdminsSeeAll() {
        post(ann, cooking, "ann draft", "x", false);
        post(ben, cooking, "ben draft", "x", false);
        post(ben, cooking, "public", "x", true);
        assertThat(titles(search(PostQuery.all(Visibility.ownedBy(ann.id()))))).containsExactlyInAnyOrder("ann draft", "public");
        assertThat(titles(search(PostQuery.all(Visibility.ALL)))).containsExactlyInAnyOrder("ann draft", "ben draft", "public");
    }

    @Test
    void filtersCombine() {
        post(ann, cooking, "ann cooking soup", "x", true, "soup");
        post(ann, travel, "ann travel", "x", true, "soup");
        post(ben, cooking, "ben cooking soup", "x", true, "Soup");
        post(ben, cooking, "ben cooking bread", "x", true, "bread");
        assertThat(titles(search(query(null, cooking.id(), null, null, null, null, Visibility.PUBLIC))))
                .containsExactlyInAnyOrder("ann cooking soup", "ben cooking soup", "ben cooking bread");
        assertThat(titles(search(query(null, cooking.id(), "SOUP", ben.id(), null, null, Visibility.PUBLIC))))
                .containsExactly("ben cooking soup");
        assertThat(search(query(null, null, "soup", null, null, null, Visibility.PUBLIC)).total()).isEqualTo(3);
    }

    @Test
    void publishedFilterForAdmins() {
        post(ann, null, "pub", "x", true);
        post(ann, null, "unpub", "x", false);
        assertThat(titles(search(query(null, null, null, null, false, null, Visibility.ALL)))).containsExactly("unpub");
        assertThat(titles(search(query(null, null, null, null, true, null, Visibility.ALL)))).containsExactly("pub");
    }

    @Test
    void fullTextSearchRanksTitleMatchesFirstAndStems() {
        post(ann, null, "Weekend notes", "we went hiking in the mountains", true);
        post(ann, null, "Hiking boots", "a review", true);
        post(ann, null, "Bread", "flour and water", true);
        Page<Post> page = search(query("hike", null, null, null, null, null, Visibility.PUBLIC));
        assertThat(titles(page)).containsExactly("Hiking boots", "Weekend notes");
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void fullTextSearchUnderstandsWebSearchSyntax() {
        post(ann, null, "ripe apples and pears", "fruit", true);
        post(ann, null, "apples ripe", "fruit", true);
        assertThat(titles(search(query("apples -pears", null, null, null, null, null, Visibility.PUBLIC)))).containsExactly("apples ripe");
        assertThat(titles(search(query("\"ripe apples\"", null, null, null, null, null, Visibility.PUBLIC)))).containsExactly("ripe apples and pears");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'; DROP TABLE posts; --", "a & | ! (", ":*", "\\", "%_%", "\"unclosed"})
    void hostileSearchTextIsJustText(String q) {
        post(ann, null, "safe", "content", true);
        assertThat(search(query(q, null, null, null, null, null, Visibility.PUBLIC)).total()).isZero();
        assertThat(search(PostQuery.all(Visibility.PUBLIC)).total()).isEqualTo(1);
    }

    @Test
    void searchTextWithNulCharacterIsInvalidInput() {
        assertThatThrownBy(() -> search(query("nul\u0000byte", null, null, null, null, null, Visibility.PUBLIC)))
                .isInstanceOf(InvalidException.class);
    }

    @Test
    void tagFilterTreatsLikeWildcardsLiterally() {
        post(ann, null, "underscore", "x", true, "c_d");
        post(ann, null, "other", "x", true, "cxd");
        assertThat(titles(search(query(null, null, "c_d", null, null, null, Visibility.PUBLIC)))).containsExactly("underscore");
        assertThat(titles(search(query(null, null, "c%", null, null, null, Visibility.PUBLIC)))).isEmpty();
    }

    @Test
    void offsetPagesAreStableAndCounted() {
        for (int i = 0; i < 7; i++) {
            post(ann, null, "p" + i, "x", true);
        }
        Page<Post> second = PagesWithPosts.search(reads(), PostQuery.all(Visibility.PUBLIC), new PageRequest(2, 3));
        assertThat(titles(second)).containsExactly("p3", "p2", "p1");
        assertThat(second.total()).isEqualTo(7);
        assertThat(second.pages()).isEqualTo(3);
        assertThat(second.page()).isEqualTo(2);
        assertThat(second.nextCursor()).isNotNull();
        Page<Post> last = PagesWithPosts.search(reads(), PostQuery.all(Visibility.PUBLIC), new PageRequest(3, 3));
        assertThat(titles(last)).containsExactly("p0");
        assertThat(last.nextCursor()).isNull();
    }

    @ParameterizedTest
    @EnumSource(PostSort.class)
    void walkingByCursorVisitsEveryMatchOnceInOrder(PostSort sort) {
        for (int i = 0; i < 11; i++) {
            // repeated titles and equal ranks make ties that only the id breaks
            post(i % 2 == 0 ? ann : ben, null, "title " + (i % 3), "garden words " + i, true);
        }
        String q = sort == PostSort.RELEVANCE ? "garden" : null;
        PostQuery query = query(q, null, null, null, null, sort, Visibility.PUBLIC);
        List<Long> expected = PagesWithPosts.search(reads(), query, new PageRequest(1, 100)).items().stream().map(Post::id).toList();
        assertThat(expected).hasSize(11);

        List<Long> walked = new ArrayList<>();
        Page<Post> page = PagesWithPosts.search(reads(), query, new PageRequest(1, 4));
        walked.addAll(page.items().stream().map(Post::id).toList());
        while (page.nextCursor() != null) {
            page = PagesWithPosts.searchAfter(reads(), query, PostCursor.decode(page.nextCursor()), 4);
            assertThat(page.total()).isEqualTo(11);
            assertThat(page.page()).isNull();
            walked.addAll(page.items().stream().map(Post::id).toList());
        }
        assertThat(walked).containsExactlyElementsOf(expected);
    }

    @Test
    void cursorOfAnotherSortIsRejected() {
        post(ann, null, "a", "x", true);
        post(ann, null, "b", "x", true);
        String cursor = PagesWithPosts.search(reads(), PostQuery.all(Visibility.PUBLIC), new PageRequest(1, 1)).nextCursor();
        PostQuery byTitle = query(null, null, null, null, null, PostSort.TITLE, Visibility.PUBLIC);
        assertThatThrownBy(() -> PagesWithPosts.searchAfter(reads(), byTitle, PostCursor.decode(cursor), 1))
                .isInstanceOf(InvalidException.class);
    }

    @Test
    void forgedCursorKeyIsInvalidNotAnError() {
        PostCursor forged = new PostCursor(PostSort.NEWEST, 1, "not-a-time");
        assertThatThrownBy(() -> PagesWithPosts.searchAfter(reads(), PostQuery.all(Visibility.PUBLIC), forged, 5))
                .isInstanceOf(InvalidException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void listAndSearchUseAFixedNumberOfStatementsWhateverThePageSize(int perPage) {
        Category[] categories = {cooking, travel, null};
        for (int i = 0; i < 120; i++) {
            post(i % 2 == 0 ? ann : ben, categories[i % 3], "words number " + i, "lorem ipsum " + i, true,
                    "t" + (i % 5), "u" + (i % 7), "v" + (i % 11));
        }
        AtomicInteger statements = new AtomicInteger();
        db.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.incrementAndGet();
            }
        });

        Page<Post> list = PagesWithPosts.search(reads(), PostQuery.all(Visibility.PUBLIC), new PageRequest(1, perPage));
        assertThat(list.items()).hasSize(perPage);
        assertThat(list.items()).allSatisfy(p -> {
            assertThat(p.author().username()).isNotNull();
            assertThat(p.tags()).hasSize(3);
        });
        assertThat(statements.getAndSet(0)).as("the total, the plan mode, the page, its posts").isEqualTo(4);

        Page<Post> search = PagesWithPosts.search(reads(), query("lorem", null, "t1", null, null, null, Visibility.PUBLIC), new PageRequest(1, perPage));
        assertThat(search.items()).hasSize(Math.min(perPage, 24));
        assertThat(statements.getAndSet(0)).as("the ranked page with its total, its posts").isEqualTo(2);

        Page<Post> after = PagesWithPosts.searchAfter(reads(), PostQuery.all(Visibility.PUBLIC), PostCursor.decode(list.nextCursor()), perPage);
        assertThat(after.items()).isNotEmpty();
        assertThat(statements.get()).isEqualTo(3);

        Set<Long> seen = new HashSet<>();
        list.items().forEach(p -> seen.add(p.id()));
        after.items().forEach(p -> assertThat(seen.add(p.id())).isTrue());
    }

    // --- ranking in blocks of PostRanking.BLOCK matches, newest first

    /** {@code n} published posts of ann with "garden" (in the title of the oldest {@code inTitle}), the newest last. */
    private void gardens(int n, int inTitle) {
        db.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO posts (author_id, title, content, published, published_at)
                        SELECT :author, CASE WHEN g <= :inTitle THEN 'garden party ' || g ELSE 'note ' || g END,
                               repeat('garden ', 1 + g % 4) || repeat('other words ', g % 7), true, now()
                          FROM generate_series(1, :n) g
                        """).bind("author", ann.id()).bind("inTitle", inTitle).bind("n", n).execute());
    }

    /** The ids of the matches of {@code word} in the order a ranking in blocks of {@code block} gives. */
    private List<Long> rankedInBlocks(String word, int block) {
        return db.jdbi().withHandle(h -> h.createQuery("""
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

        Page<Post> page = PagesWithPosts.search(reads(), query("garden", null, null, null, null, null, Visibility.PUBLIC), new PageRequest(1, 20));

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

        Page<Post> page = PagesWithPosts.search(reads(), query("garden", null, null, null, null, null, Visibility.PUBLIC), new PageRequest(1, 20));

        assertThat(ids(page)).containsExactlyElementsOf(inBlocks.subList(0, 20));
        assertThat(titles(page)).noneSatisfy(t -> assertThat(t).startsWith("garden party"));
        assertThat(page.total()).isEqualTo(PostRanking.BLOCK + 50);
        // The older block's best come once the newest block is through.
        Page<Post> next = PagesWithPosts.search(reads(), query("garden", null, null, null, null, null, Visibility.PUBLIC),
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
        Page<Post> page = PagesWithPosts.search(reads(), query, new PageRequest(1, perPage));
        byCursor.addAll(ids(page));
        while (page.nextCursor() != null) {
            page = PagesWithPosts.searchAfter(reads(), query, PostCursor.decode(page.nextCursor()), perPage);
            assertThat(page.items()).isNotEmpty();
            byCursor.addAll(ids(page));
        }
        assertThat(byCursor).containsExactlyElementsOf(expected);

        List<Long> byPage = new ArrayList<>();
        for (int n = 1; n <= (expected.size() + perPage - 1) / perPage; n++) {
            byPage.addAll(ids(PagesWithPosts.search(reads(), query, new PageRequest(n, perPage))));
        }
        assertThat(byPage).containsExactlyElementsOf(expected);
    }

    @Test
    void aCursorWalkIsNotShiftedByPostsAddedOrDeletedMeanwhile() {
        gardens(PostRanking.BLOCK + 30, 0);
        PostQuery query = query("garden", null, null, null, null, null, Visibility.PUBLIC);
        List<Long> expected = new ArrayList<>(rankedInBlocks("garden", PostRanking.BLOCK));

        Page<Post> page = PagesWithPosts.search(reads(), query, new PageRequest(1, 50));
        List<Long> walked = new ArrayList<>(ids(page));
        // Newer than every block begun: not shown by this walk. A deleted post is just left out.
        post(ann, null, "garden news", "garden garden garden", true);
        long deleted = expected.get(120);
        db.jdbi().useHandle(h -> h.execute("DELETE FROM posts WHERE id = ?", deleted));
        expected.remove(Long.valueOf(deleted));
        while (page.nextCursor() != null) {
            page = PagesWithPosts.searchAfter(reads(), query, PostCursor.decode(page.nextCursor()), 50);
            walked.addAll(ids(page));
        }
        assertThat(walked).containsExactlyElementsOf(expected);
    }

    @Test
    void aRelevanceCursorWithoutItsBlockIsInvalid() {
        PostCursor forged = new PostCursor(PostSort.RELEVANCE, 1, "0.5");
        assertThatThrownBy(() -> PagesWithPosts.searchAfter(reads(), query("garden", null, null, null, null, null, Visibility.PUBLIC), forged, 5))
                .isInstanceOf(InvalidException.class);
    }
}
