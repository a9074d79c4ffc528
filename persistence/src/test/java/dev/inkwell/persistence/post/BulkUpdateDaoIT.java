package dev.inkwell.persistence.post;

import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.domain.post.BulkUpdate;
import dev.inkwell.domain.post.BulkUpdateStatus;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.user.UserDao;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** Bulk updates in the database: planning in keyset chunks, applying each chunk once, the filter, tags. */
class BulkUpdateDaoIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private long author;
    private long category;
    private final List<Long> posts = new ArrayList<>();

    @BeforeEach
    void fixtures() {
        author = db.dao(UserDao.class).insert(NewUser.of("bulk", "bulk@example.com", null, null)).id();
        category = db.dao(CategoryDao.class).insert(NewCategory.of("Target", null, null, null)).id();
        PostDao dao = db.dao(PostDao.class);
        for (int i = 0; i < 25; i++) {
            posts.add(dao.create(NewPost.of(author, null, "post " + i, "words", false, List.of(i % 2 == 0 ? "even" : "odd"))).id());
        }
    }

    private BulkUpdateDao bulk() {
        return db.dao(BulkUpdateDao.class);
    }

    private static BulkUpdate.Change publish() {
        return new BulkUpdate.Change(true, false, null, List.of(), List.of());
    }

    private Post post(long id) {
        return db.dao(PostDao.class).findById(id).orElseThrow();
    }

    private UUID store(List<Long> ids, BulkUpdate.Filter filter, BulkUpdate.Change change, String requestId) {
        return bulk().insertOnce(BulkUpdate.of(UUID.randomUUID(), author, requestId, ids, filter, change));
    }

    private int applyAll(UUID id, int size) {
        int chunks = bulk().plan(id, size);
        for (int c = 0; c < chunks; c++) {
            bulk().applyChunk(id, c);
        }
        return chunks;
    }

    @Test
    void theTargetIsSplitIntoKeysetChunksOnceAndEveryChunkIsAppliedOnce() {
        UUID id = store(posts, null, publish(), null);
        assertThat(bulk().plan(id, 10)).isEqualTo(3);
        assertThat(bulk().plan(id, 7)).as("planning again keeps the first plan").isEqualTo(3);
        BulkUpdateDao.ChunkResult first = bulk().applyChunk(id, 0);
        assertThat(first.postIds()).hasSize(10);
        assertThat(first.changed()).isEqualTo(10);
        BulkUpdateDao.ChunkResult again = bulk().applyChunk(id, 0);
        assertThat(again.alreadyDone()).isTrue();
        assertThat(again.postIds()).isEqualTo(first.postIds());
        assertThat(post(posts.get(0)).version()).as("applied once").isEqualTo(2);

        BulkUpdateStatus halfway = bulk().status(id).orElseThrow();
        assertThat(halfway.chunksDone()).isEqualTo(1);
        assertThat(halfway.percent()).isEqualTo(33);
        bulk().applyChunk(id, 1);
        bulk().applyChunk(id, 2);
        BulkUpdateStatus done = bulk().status(id).orElseThrow();
        assertThat(done.done()).isTrue();
        assertThat(done.matched()).isEqualTo(25);
        assertThat(done.changed()).isEqualTo(25);
        assertThat(posts).allSatisfy(p -> assertThat(post(p).published()).isTrue());
        assertThat(post(posts.get(0)).publishedAt()).isNotNull();
    }

    @Test
    void postsAlreadyInTheTargetStateAreMatchedButNotChanged() {
        UUID first = store(posts.subList(0, 5), null, publish(), null);
        applyAll(first, 100);
        UUID second = store(posts.subList(0, 10), null, publish(), null);
        applyAll(second, 100);
        BulkUpdateStatus status = bulk().status(second).orElseThrow();
        assertThat(status.matched()).isEqualTo(10);
        assertThat(status.changed()).isEqualTo(5);
        assertThat(post(posts.get(0)).version()).isEqualTo(2);
    }

    @Test
    void aFilterTargetsOnlyMatchingPostsAndTagsAreAddedAndRemoved() {
        UUID id = store(null, new BulkUpdate.Filter(null, "even", author, false, null, null),
                new BulkUpdate.Change(null, true, category, List.of("new tag"), List.of("even")), null);
        applyAll(id, 4);
        for (int i = 0; i < posts.size(); i++) {
            Post p = post(posts.get(i));
            if (i % 2 == 0) {
                assertThat(p.category().id()).isEqualTo(category);
                assertThat(p.tags()).containsExactly("new tag");
                assertThat(p.version()).isEqualTo(2);
            } else {
                assertThat(p.category()).isNull();
                assertThat(p.tags()).containsExactly("odd");
                assertThat(p.version()).isEqualTo(1);
            }
        }
        assertThat(bulk().status(id).orElseThrow().changed()).isEqualTo(13);
    }

    @Test
    void addedTagsNeverTakeAPostPastTwentyTagsAndThePostsLeftWithoutThemAreCounted() {
        PostDao dao = db.dao(PostDao.class);
        List<String> nineteen = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            nineteen.add("t" + i);
        }
        long full = dao.create(NewPost.of(author, null, "full", "words", false, nineteen)).id();
        long roomy = dao.create(NewPost.of(author, null, "roomy", "words", false, nineteen.subList(0, 18))).id();
        List<String> withBoth = new ArrayList<>(nineteen.subList(0, 18));
        withBoth.addAll(List.of("a", "b"));
        long hasThem = dao.create(NewPost.of(author, null, "has them", "words", false, withBoth)).id();

        UUID id = store(List.of(full, roomy, hasThem), null, new BulkUpdate.Change(true, false, null, List.of("a", "b"), List.of()), null);
        applyAll(id, 100);
        assertThat(post(full).tags()).as("19 + 2 would be 21: none added").hasSize(19).doesNotContain("a", "b");
        assertThat(post(full).published()).as("its other changes are made").isTrue();
        assertThat(post(roomy).tags()).hasSize(20).contains("a", "b");
        assertThat(post(hasThem).tags()).hasSize(20);
        BulkUpdateStatus status = bulk().status(id).orElseThrow();
        assertThat(status.tagLimited()).isEqualTo(1);
        assertThat(status.changed()).isEqualTo(3);

        // Tags removed in the same update make room first.
        UUID swap = store(List.of(full), null, new BulkUpdate.Change(null, false, null, List.of("a", "b"), List.of("t0")), null);
        applyAll(swap, 100);
        assertThat(post(full).tags()).hasSize(20).contains("a", "b").doesNotContain("t0");
        assertThat(bulk().status(swap).orElseThrow().tagLimited()).isZero();
    }

    @Test
    void aChangeWithoutTagsRunsNoTagStatementsAndOneWithTagsRunsThem() {
        Queue<String> statements = new ConcurrentLinkedQueue<>();
        db.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.add(context.getRenderedSql());
            }
        });
        UUID publishOnly = store(posts.subList(0, 4), null, publish(), null);
        applyAll(publishOnly, 100);
        assertThat(statements).as("the statements of a publish-only chunk").isNotEmpty()
                .noneMatch(sql -> sql.contains("DELETE FROM post_tags") || sql.contains("INSERT INTO post_tags")
                        || sql.contains("INSERT INTO tags") || sql.contains("cardinality(b.add_tags) > 0"));
        assertThat(post(posts.get(0)).published()).isTrue();

        statements.clear();
        UUID removeOnly = store(posts.subList(0, 4), null, new BulkUpdate.Change(null, false, null, List.of(), List.of("even")), null);
        applyAll(removeOnly, 100);
        assertThat(statements).anyMatch(sql -> sql.contains("DELETE FROM post_tags"))
                .noneMatch(sql -> sql.contains("INSERT INTO post_tags") || sql.contains("INSERT INTO tags"));
        assertThat(post(posts.get(0)).tags()).isEmpty();

        statements.clear();
        UUID addOnly = store(posts.subList(0, 4), null, new BulkUpdate.Change(null, false, null, List.of("added"), List.of()), null);
        applyAll(addOnly, 100);
        assertThat(statements).anyMatch(sql -> sql.contains("INSERT INTO post_tags"))
                .noneMatch(sql -> sql.contains("DELETE FROM post_tags"));
        assertThat(post(posts.get(1)).tags()).containsExactlyInAnyOrder("odd", "added");
    }

    @Test
    void aRequestIdUsedAgainByTheSameOwnerGivesTheFirstBulkUpdate() {
        UUID first = store(posts, null, publish(), "req-1");
        UUID again = store(posts.subList(0, 1), null, publish(), "req-1");
        assertThat(again).isEqualTo(first);
        long stored = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM bulk_updates").mapTo(Long.class).one());
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void anEmptyTargetIsPlannedAsNoChunksAndIsDone() {
        UUID id = store(null, new BulkUpdate.Filter(null, "no-such-tag", null, null, null, null), publish(), null);
        assertThat(bulk().plan(id, 10)).isZero();
        assertThat(bulk().status(id).orElseThrow().done()).isTrue();
    }

    @Test
    void ownershipCountsUnknownAndForeignPosts() {
        long other = db.dao(UserDao.class).insert(NewUser.of("other", "other@example.com", null, null)).id();
        long foreign = db.dao(PostDao.class).create(NewPost.of(other, null, "theirs", "x", true, List.of())).id();
        BulkUpdateDao.Ownership o = bulk().ownership(new long[] {posts.get(0), foreign, 999_999}, author);
        assertThat(o.found()).isEqualTo(2);
        assertThat(o.notOwned()).isEqualTo(1);
    }
}
