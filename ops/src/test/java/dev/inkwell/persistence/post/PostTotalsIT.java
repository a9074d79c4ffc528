package dev.inkwell.persistence.post;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.PostSort;
import dev.inkwell.domain.post.Visibility;
import dev.inkwell.persistence.Estimates;
import dev.inkwell.ops.demo.DemoData;
import dev.inkwell.persistence.testing.PostgresExtension;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Totals of large lists: counted exactly up to 1,000 matches, estimated (and said so) beyond,
 * so that no page request has to count a whole table (and the estimate is kept a while); a
 * search by relevance too (it ranks a block of the matches at a time, see PostRanking). It lives
 * in ops, in PostReads's package, because its data set is the demo seeder's, which ops owns.
 */
class PostTotalsIT {
    private static final int POSTS = 2_500;

    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    @BeforeEach
    void seed() throws Exception {
        new DemoData(db.jdbi()).seedIfEmpty(new DemoData.Size(20, 3, 10, POSTS));
    }

    private long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private Page<Post> page(PostQuery query) {
        return PagesWithPosts.search(new PostReads(db.jdbi()), query, new PageRequest(2, 20));
    }

    @Test
    void aListOfMoreThanAThousandPostsHasAnEstimatedTotal() {
        Page<Post> page = page(PostQuery.all(Visibility.ALL));

        assertThat(page.totalExact()).isFalse();
        assertThat(page.total()).isGreaterThan(1_000).isBetween(POSTS / 2L, POSTS * 2L);
        assertThat(page.items()).hasSize(20);
        assertThat(page.pages()).isEqualTo((page.total() + 19) / 20);
    }

    @Test
    void anEstimatedTotalIsKeptAWhileSoThatLaterPagesNeedNeitherCountingStatement() {
        AtomicInteger statements = new AtomicInteger();
        db.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.incrementAndGet();
            }
        });
        AtomicLong now = new AtomicLong();
        PostReads reads = new PostReads(db.jdbi(), new Estimates<>(Duration.ofSeconds(10), 10, now::get));
        PostQuery all = PostQuery.all(Visibility.ALL);

        Page<Post> first = PagesWithPosts.search(reads, all, new PageRequest(1, 20));
        assertThat(statements.getAndSet(0)).as("count, estimate, plan mode, page, its posts").isEqualTo(5);
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        Page<Post> second = PagesWithPosts.search(reads, all, new PageRequest(2, 20));
        assertThat(statements.getAndSet(0)).as("the estimate kept: plan mode, page, its posts").isEqualTo(3);
        assertThat(second.total()).isEqualTo(first.total());
        assertThat(second.totalExact()).isFalse();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        PagesWithPosts.search(reads, all, new PageRequest(3, 20));
        assertThat(statements.getAndSet(0)).as("after 11 s: estimated again").isEqualTo(5);

        // An exact total is never kept: a write shows in the next page's total.
        PostQuery small = new PostQuery(null, 3L, null, null, null, PostSort.NEWEST, Visibility.ALL);
        long before = PagesWithPosts.search(reads, small, new PageRequest(1, 20)).total();
        db.jdbi().useHandle(h -> h.execute("UPDATE posts SET category_id = 3 WHERE id = (SELECT min(id) FROM posts WHERE category_id IS DISTINCT FROM 3)"));
        assertThat(PagesWithPosts.search(reads, small, new PageRequest(1, 20)).total()).isEqualTo(before + 1);
    }

    @Test
    void aSmallerSelectionIsCountedExactly() {
        long inCategory3 = count("SELECT count(*) FROM posts WHERE category_id = 3");
        assertThat(inCategory3).isBetween(1L, 1_000L);

        Page<Post> page = page(new PostQuery(null, 3L, null, null, null, PostSort.NEWEST, Visibility.ALL));

        assertThat(page.totalExact()).isTrue();
        assertThat(page.total()).isEqualTo(inCategory3);
    }

    @Test
    void aSearchOfMoreThanAThousandMatchesHasAnEstimatedTotalAsAListDoes() {
        String word = db.jdbi().withHandle(h -> h.createQuery("SELECT word FROM ts_stat('SELECT search FROM post_search') ORDER BY ndoc DESC LIMIT 1")
                .mapTo(String.class).one());
        long matching = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM post_search WHERE search @@ websearch_to_tsquery('english', :w)")
                .bind("w", word).mapTo(Long.class).one());
        assertThat(matching).isGreaterThan(1_000);

        Page<Post> page = page(new PostQuery(word, null, null, null, null, null, Visibility.ALL));

        assertThat(page.totalExact()).as("ranking sees a block of the matches, not all").isFalse();
        assertThat(page.total()).isGreaterThan(1_000);
        assertThat(page.items()).hasSize(20);

        // A page past the last has no rows: the total is still found.
        PostQuery query = new PostQuery(word, null, null, null, null, null, Visibility.ALL);
        Page<Post> beyond = PagesWithPosts.search(new PostReads(db.jdbi()), query, new PageRequest((int) (matching / 20) + 2, 20));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isGreaterThan(1_000);
    }

    @Test
    void theSecondPageOfAnOffsetListFollowsTheFirst() {
        PostQuery newest = PostQuery.all(Visibility.ALL);
        Page<Post> first = PagesWithPosts.search(new PostReads(db.jdbi()), newest, new PageRequest(1, 20));
        Page<Post> second = page(newest);

        assertThat(first.items().get(19).createdAt()).isAfterOrEqualTo(second.items().get(0).createdAt());
        assertThat(second.items()).extracting(Post::tags).allSatisfy(tags -> assertThat(tags).isNotEmpty());
    }
}
