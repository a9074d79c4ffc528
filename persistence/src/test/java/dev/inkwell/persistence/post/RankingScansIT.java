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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way {@link RankingScans} may find a ranked search's candidates gives the same pages, totals and cursors. */
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
        return db.jdbi().withHandle(h -> PostRanking.page(h, query, new PageRequest(n, perPage), estimates, scan));
    }

    private Page<PostKey> after(PostQuery query, String cursor, int perPage, Scan scan) {
        Estimates<PostQuery> estimates = new Estimates<>(Duration.ofSeconds(10), 10, System::nanoTime);
        return db.jdbi().withHandle(h -> PostRanking.after(h, query, PostCursor.decode(cursor), perPage, estimates, scan));
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
}
