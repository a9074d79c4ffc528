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
import dev.inkwell.persistence.post.RankingScans.Choice;
import dev.inkwell.persistence.post.RankingScans.Scan;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.user.UserDao;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GIN index's candidates read from the newest eras of post ids ({@link Choice#from},
 * changeset 014) give the pages of the whole index, whether the eras hold enough matches or not,
 * and the index itself applies the eras: it returns no match outside them.
 */
class RankingErasIT {
    private static final long ERA = 1L << RankingCandidates.ERA_BITS;

    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private long newest;

    /**
     * 150 posts in each of the eras 0, 1, 2, 4 and 5 (none in 3), about 100 of them with "garden"
     * (drafts among them, the word's weight varying): about 500 matches in five eras.
     */
    @BeforeEach
    void fixtures() {
        User ann = db.dao(UserDao.class).insert(NewUser.of("ann", "ann@example.com", null, null));
        for (long era : List.of(0L, 1L, 2L, 4L, 5L)) {
            db.jdbi().useHandle(h -> {
                h.execute("ALTER TABLE posts ALTER COLUMN id RESTART WITH " + Math.max(1, era * ERA + 17));
                h.createUpdate("""
                        INSERT INTO posts (author_id, title, content, published, published_at)
                        SELECT :author, CASE WHEN g % 9 = 0 THEN 'garden party ' || g ELSE 'note ' || g END,
                               CASE WHEN g % 3 = 0 THEN 'nothing here ' || g
                                    ELSE repeat('garden ', 1 + g % 4) || repeat('other words ', g % 7) END,
                               g % 11 <> 0, CASE WHEN g % 11 <> 0 THEN now() END
                          FROM generate_series(1, 150) g
                        """).bind("author", ann.id()).execute();
            });
        }
        db.jdbi().useHandle(h -> h.execute("ANALYZE post_search"));
        newest = db.jdbi().withHandle(h -> h.createQuery("SELECT max(post_id) FROM post_search").mapTo(Long.class).one());
    }

    private static PostQuery garden(Visibility visibility) {
        return new PostQuery("garden", null, null, null, null, PostSort.RELEVANCE, visibility);
    }

    /**
     * A fresh memo of totals; with {@code kept}, holding an estimate for {@code query}, so that a
     * page fetches its blocks alone (else up to {@link PostCounts#COUNTED} + 1 candidates).
     */
    private static Estimates<PostQuery> estimates(Handle h, PostQuery query, boolean kept) {
        Estimates<PostQuery> estimates = new Estimates<>(Duration.ofSeconds(10), 10, System::nanoTime);
        if (kept) {
            PostCounts.total(h, query, PostCounts.COUNTED + 1, estimates);
        }
        return estimates;
    }

    /** Every page by number, then by cursor: ids, ranks, totals and cursors, as one list of strings. */
    private List<String> walk(PostQuery query, int perPage, boolean kept, Choice choice) {
        List<String> seen = new ArrayList<>();
        for (int n = 1; ; n++) {
            PageRequest request = new PageRequest(n, perPage);
            Page<PostKey> keys = db.jdbi().withHandle(h -> PostRanking.page(h, query, request, estimates(h, query, kept), choice));
            seen.add("page " + n + " total " + keys.total() + " exact " + keys.totalExact() + " next " + keys.nextCursor());
            keys.items().forEach(k -> seen.add(k.id() + " " + k.rank() + " " + k.version() + " " + k.title()));
            if (keys.items().isEmpty()) {
                break;
            }
        }
        PageRequest first = new PageRequest(1, perPage);
        Page<PostKey> keys = db.jdbi().withHandle(h -> PostRanking.page(h, query, first, estimates(h, query, kept), choice));
        while (keys.nextCursor() != null) {
            PostCursor cursor = PostCursor.decode(keys.nextCursor());
            keys = db.jdbi().withHandle(h -> PostRanking.after(h, query, cursor, perPage, estimates(h, query, kept), choice));
            seen.add("after total " + keys.total() + " next " + keys.nextCursor());
            keys.items().forEach(k -> seen.add(k.id() + " " + k.rank()));
        }
        return seen;
    }

    @Test
    void theNewestErasGiveThePagesOfTheWholeIndexWhetherTheyHoldEnoughMatchesOrNot() {
        // The share of the fixture (about 100 matches an era); twice that, whose eras fall a little
        // short of a block; every id a match, whose eras always fall short (the page then reads all).
        double measured = 100.0 / ERA;
        // Each visibility, page size and way of fetching (up to the block, or on to count) once.
        record Walk(Visibility visibility, int perPage, boolean kept) {
        }
        for (Walk w : List.of(new Walk(Visibility.PUBLIC, 19, true), new Walk(Visibility.PUBLIC, 50, false),
                new Walk(Visibility.ALL, 19, false), new Walk(Visibility.ALL, 50, true))) {
            List<String> whole = walk(garden(w.visibility()), w.perPage(), w.kept(), Choice.of(Scan.INDEX));
            assertThat(whole).hasSizeGreaterThan(400);
            for (double share : List.of(measured, 2 * measured, 1.0)) {
                Choice choice = new Choice(Scan.INDEX, 1_000_000, newest, share);
                assertThat(choice.from(newest, PostRanking.BLOCK)).as("eras for a block at share %s", share).isNotNull();
                assertThat(walk(garden(w.visibility()), w.perPage(), w.kept(), choice)).as("share %s, %s", share, w)
                        .containsExactlyElementsOf(whole);
            }
        }
    }

    private static final Pattern INDEX_ROWS = Pattern.compile("Bitmap Index Scan on post_search_search_idx.*rows=(\\d+) loops");

    /** The rows the GIN index returns to the candidates of the eras from {@code fromEra} on (or of all, if null). */
    private long indexRows(Handle h, Long fromEra) {
        String eras = fromEra == null ? "" : RankingCandidates.inEras("SELECT max(post_id) FROM post_search");
        String sql = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) "
                + RankingCandidates.candidates(garden(Visibility.ALL), Scan.INDEX, eras, " LIMIT " + PostRanking.BLOCK);
        var explain = h.createQuery(sql).bind("q", "garden");
        if (fromEra != null) {
            explain.bind("eraFrom", fromEra);
        }
        String plan = String.join("\n", explain.mapTo(String.class).list());
        Matcher rows = INDEX_ROWS.matcher(plan);
        assertThat(rows.find()).as(plan).isTrue();
        return Long.parseLong(rows.group(1));
    }

    @Test
    void theIndexReturnsOnlyTheMatchesOfTheErasAsked() {
        db.jdbi().useTransaction(h -> {
            h.execute("SET LOCAL enable_seqscan = off"); // a table this small would be read whole
            long all = h.createQuery("SELECT count(*) FROM post_search WHERE search @@ websearch_to_tsquery('english', 'garden')")
                    .mapTo(Long.class).one();
            long inNewestTwo = h.createQuery("""
                            SELECT count(*) FROM post_search
                             WHERE search @@ websearch_to_tsquery('english', 'garden') AND post_id >= :from""")
                    .bind("from", 4 * ERA).mapTo(Long.class).one();
            assertThat(inNewestTwo).isBetween(150L, all / 2);
            assertThat(indexRows(h, null)).isEqualTo(all);
            assertThat(indexRows(h, 4L)).isEqualTo(inNewestTwo);
            assertThat(indexRows(h, 3L)).isEqualTo(inNewestTwo); // era 3 holds no post
        });
    }
}
