package dev.inkwell.persistence.post;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.post.PostCursor;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.PostSort;
import dev.inkwell.domain.post.Visibility;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.Estimates;
import dev.inkwell.persistence.post.RankingScans.Scan;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.user.UserDao;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way {@link RankingScans} may find a ranked search's candidates gives the same pages, totals and cursors;
 * the scan chosen is the one the matches call for, and runs on the plan PostgreSQL prepared once.
 */
class RankingScansIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private User ann;

    @BeforeEach
    void fixtures() {
        ann = db.dao(UserDao.class).insert(NewUser.of("ann", "ann@example.com", null, null));
        // Two blocks and a part of matches, drafts among them, and posts that do not match in between.
        db.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO posts (author_id, title, content, published, published_at)
                        SELECT :author, CASE WHEN g % 9 = 0 THEN 'garden party ' || g ELSE 'note ' || g END,
                               CASE WHEN g % 5 = 0 THEN 'nothing here ' || g
                                    ELSE repeat('garden ', 1 + g % 4) || repeat('other words ', g % 7) END,
                               g % 11 <> 0, CASE WHEN g % 11 <> 0 THEN now() END
                          FROM generate_series(1, 600) g
                        """).bind("author", ann.id()).execute());
        db.jdbi().useHandle(h -> h.execute("ANALYZE post_search"));
    }

    private static PostQuery garden(Visibility visibility) {
        return new PostQuery("garden", null, null, null, null, PostSort.RELEVANCE, visibility);
    }

    private Page<PostKey> page(PostQuery query, int n, int perPage, Scan scan) {
        Estimates<PostQuery> estimates = new Estimates<>(Duration.ofSeconds(10), 10, System::nanoTime);
        return db.jdbi().withHandle(h -> PostRanking.page(h, query, new PageRequest(n, perPage), estimates, RankingScans.Choice.of(scan)));
    }

    private Page<PostKey> after(PostQuery query, String cursor, int perPage, Scan scan) {
        Estimates<PostQuery> estimates = new Estimates<>(Duration.ofSeconds(10), 10, System::nanoTime);
        return db.jdbi().withHandle(h -> PostRanking.after(h, query, PostCursor.decode(cursor), perPage, estimates, RankingScans.Choice.of(scan)));
    }

    /** Every page by number, then by cursor: ids, ranks, totals and cursors, as one list of strings. */
    private List<String> walk(PostQuery query, int perPage, Scan scan) {
        List<String> seen = new ArrayList<>();
        for (int n = 1; ; n++) {
            Page<PostKey> page = page(query, n, perPage, scan);
            seen.add("page " + n + " total " + page.total() + " exact " + page.totalExact() + " next " + page.nextCursor());
            page.items().forEach(k -> seen.add(k.id() + " " + k.rank() + " " + k.version() + " " + k.title()));
            if (page.items().isEmpty()) {
                break;
            }
        }
        Page<PostKey> page = page(query, 1, perPage, scan);
        while (page.nextCursor() != null) {
            page = after(query, page.nextCursor(), perPage, scan);
            seen.add("after total " + page.total() + " next " + page.nextCursor());
            page.items().forEach(k -> seen.add(k.id() + " " + k.rank()));
        }
        return seen;
    }

    @ParameterizedTest
    @EnumSource(value = Scan.class, names = {"WALK", "INDEX"})
    void eachScanGivesThePagesOfThePlannedOne(Scan scan) {
        for (Visibility visibility : List.of(Visibility.PUBLIC, Visibility.ALL)) {
            for (int perPage : List.of(7, 50)) {
                List<String> planned = walk(garden(visibility), perPage, Scan.PLANNED);
                assertThat(planned).hasSizeGreaterThan(400);
                assertThat(walk(garden(visibility), perPage, scan)).containsExactlyElementsOf(planned);
            }
        }
    }

    /**
     * 20,000 more posts, each with the words x1 to x12; 1,200 of them also with one of the words r0
     * to r29 (40 posts each). With statistics of 1 (300 rows sampled, 10 most common elements kept:
     * x words) no r word is a common element, so the planner's estimate for each is its floor,
     * 0.5% of the rows, and for all 30 of them 1 - 0.995^30, 14% of the posts: 2,900.
     */
    private void manyPostsWithRareWords() {
        db.jdbi().useHandle(h -> {
            h.createUpdate("""
                    INSERT INTO posts (author_id, title, content, published, published_at)
                    SELECT :author, 'entry', 'x1 x2 x3 x4 x5 x6 x7 x8 x9 x10 x11 x12'
                                             || CASE WHEN g <= 1200 THEN ' r' || (g % 30) ELSE '' END, true, now()
                      FROM generate_series(1, 20000) g
                    """).bind("author", ann.id()).execute();
            h.execute("ALTER TABLE post_search ALTER COLUMN search SET STATISTICS 1");
            h.execute("ANALYZE post_search");
        });
    }

    private static PostQuery search(String q) {
        return new PostQuery(q, null, null, null, null, PostSort.RELEVANCE, Visibility.PUBLIC);
    }

    /** Scans that walk from 2,000 matches in 20,000 posts (this table's 20,600: 2,030). */
    private static RankingScans scans() {
        return new RankingScans(10, System::nanoTime, 2_000, 20_000);
    }

    private static Page<PostKey> planned(Handle h, PostQuery query, RankingScans scans) {
        return PostRanking.page(h, query, new PageRequest(1, 20), new Estimates<>(Duration.ofSeconds(10), 10, System::nanoTime), scans);
    }

    /** This table's threshold for {@code scans}, from its size as PostgreSQL's statistics have it. */
    private static long walkFrom(Handle h, RankingScans scans) {
        return scans.walkFrom(h.createQuery("SELECT reltuples FROM pg_class WHERE relname = 'post_search'").mapTo(Double.class).one());
    }

    @Test
    void aSearchEstimatedAboveTheThresholdThatMatchesFewerPostsIsFoundThroughTheIndex() {
        manyPostsWithRareWords();
        PostQuery rare = search(IntStream.range(0, 30).mapToObj(i -> "r" + i).collect(Collectors.joining(" or ")));
        RankingScans scans = scans();
        db.jdbi().useHandle(h -> {
            Page<PostKey> page = planned(h, rare, scans);
            // The planner's estimate (the total shown) is above the threshold, the posts matched below it.
            assertThat(page.totalExact()).isFalse();
            assertThat(page.total()).isGreaterThan(walkFrom(h, scans));
            assertThat(1_200L).isLessThan(walkFrom(h, scans));
        });
        assertThat(scans.choose(rare)).isEqualTo(Scan.INDEX);
    }

    @Test
    void aSearchMatchingPostsFromTheThresholdOnWalksTheIds() {
        manyPostsWithRareWords();
        RankingScans scans = scans();
        db.jdbi().useHandle(h -> {
            Page<PostKey> page = planned(h, search("x1"), scans);
            assertThat(page.totalExact()).isFalse();
            assertThat(20_000L).isGreaterThan(walkFrom(h, scans));
        });
        assertThat(scans.choose(search("x1"))).isEqualTo(Scan.WALK);
    }

    @ParameterizedTest
    @EnumSource(value = Scan.class, names = {"WALK", "INDEX"})
    void aChosenScanRunsOnThePlanPostgresqlPreparedOnceWhateverTheWords(Scan scan) {
        Estimates<PostQuery> estimates = new Estimates<>(Duration.ofSeconds(10), 10, System::nanoTime);
        db.jdbi().useHandle(h -> {
            for (int i = 0; i < 12; i++) {
                PostQuery query = new PostQuery(i % 2 == 0 ? "garden" : "party", null, null, null, null, PostSort.RELEVANCE,
                        Visibility.PUBLIC);
                Page<PostKey> page = PostRanking.page(h, query, new PageRequest(1, 7), estimates, RankingScans.Choice.of(scan));
                PostRanking.after(h, query, PostCursor.decode(page.nextCursor()), 7, estimates, RankingScans.Choice.of(scan));
            }
            // One connection's statements prepared on the server (pgjdbc prepares a statement from its fifth run).
            List<String> ranked = h.createQuery("""
                            SELECT generic_plans || ' generic, ' || custom_plans || ' custom' FROM pg_prepared_statements
                             WHERE statement LIKE '%row_number() OVER%'""")
                    .mapTo(String.class).list();
            // the page's statement and the cursor's (the rest of its block: each word's first block holds its matches)
            assertThat(ranked).hasSize(2).allSatisfy(plans -> assertThat(plans).matches("[1-9]\\d* generic, 5 custom"));
        });
    }
}
