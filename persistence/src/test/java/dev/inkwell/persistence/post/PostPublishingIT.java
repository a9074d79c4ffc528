package dev.inkwell.persistence.post;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.post.BulkUpdate;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostChanges;
import dev.inkwell.domain.post.Visibility;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.persistence.cache.ListPage;
import dev.inkwell.persistence.post.PostCache.CachedPost;
import dev.inkwell.persistence.testing.CachedPostWrites;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.testing.Race;
import dev.inkwell.persistence.testing.TestRedis;
import dev.inkwell.persistence.user.UserDao;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scheduled publishing in the database and the cache: a scheduled post is a draft until it is
 * due, is published once however many runs race for it, and its schedule follows the post's edits.
 */
class PostPublishingIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private CachedPostWrites written;
    private PostCache cache;
    private PostWrites writes;
    private PostPublishing publishing;
    private String namespace;
    private long author;

    /** The "JSON" of the test: enough to tell copies apart. */
    private static final Function<Post, byte[]> JSON = p -> (p.published() + "@" + p.version()).getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void setUp() {
        namespace = "publish-" + UUID.randomUUID().toString().substring(0, 8);
        written = new CachedPostWrites(db.jdbi(), namespace);
        cache = written.cache();
        writes = written.writes();
        publishing = written.publishing();
        author = db.dao(UserDao.class).insert(NewUser.of("scheduler", "scheduler@example.com", null, null)).id();
    }

    @AfterEach
    void tearDown() {
        written.close();
    }

    private static OffsetDateTime inAnHour() {
        return OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).truncatedTo(ChronoUnit.MICROS);
    }

    private Post scheduled(OffsetDateTime at) {
        return writes.create(NewPost.of(author, null, "Scheduled", "soon", null, List.of(), at));
    }

    /** Time passes for post {@code id}: its schedule moved into the past, behind every cache (as the clock would). */
    private OffsetDateTime due(long id) {
        return db.jdbi().withHandle(h -> h.createQuery(
                "UPDATE posts SET publish_at = now() - interval '1 second' WHERE id = :id RETURNING publish_at")
                .bind("id", id).mapTo(OffsetDateTime.class).one());
    }

    private Post stored(long id) {
        return db.dao(PostDao.class).findById(id).orElseThrow();
    }

    private Post patch(long id, PostChanges changes) {
        return writes.patch(id, author, false, changes, null).orElseThrow();
    }

    @Test
    void aScheduledPostIsADraftWithItsTime() {
        OffsetDateTime at = inAnHour();
        Post post = scheduled(at);
        assertThat(post.published()).isFalse();
        assertThat(post.publishedAt()).isNull();
        assertThat(post.publishAt()).isEqualTo(at);
    }

    @Test
    void aPostThatIsNotDueIsNotPublished() {
        Post post = scheduled(inAnHour());
        assertThat(publishing.publishIfDue(post.id())).isFalse();
        assertThat(publishing.publishDue(10)).isZero();
        assertThat(stored(post.id())).isEqualTo(post);
    }

    @Test
    void aDuePostIsPublishedOnceAtItsScheduledTime() {
        Post post = scheduled(inAnHour());
        OffsetDateTime at = due(post.id());
        assertThat(publishing.publishIfDue(post.id())).isTrue();
        assertThat(publishing.publishIfDue(post.id())).as("a second run").isFalse();
        Post published = stored(post.id());
        assertThat(published.published()).isTrue();
        assertThat(published.publishedAt()).isEqualTo(at);
        assertThat(published.publishAt()).isNull();
        assertThat(published.version()).isEqualTo(2);
    }

    @Test
    void twoRunsRacingForOnePostPublishItOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            Post post = scheduled(inAnHour());
            due(post.id());
            Function<Handle, Object> run = h -> h.attach(PostDao.class).publishIfDue(post.id());
            List<Object> outcomes = Race.transactions(db.jdbi(), List.of(run, run));
            assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder(true, false);
            assertThat(stored(post.id()).version()).isEqualTo(2);
        }
    }

    @Test
    void theSweepPublishesEveryDuePostOnceInChunksAndLeavesTheOthers() {
        List<Long> dueIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long id = scheduled(inAnHour()).id();
            due(id);
            dueIds.add(id);
        }
        Post later = scheduled(inAnHour());
        Post draft = writes.create(NewPost.of(author, null, "Plain draft", "w", false, List.of()));
        assertThat(publishing.publishDue(2)).isEqualTo(5);
        assertThat(publishing.publishDue(2)).isZero();
        for (long id : dueIds) {
            assertThat(stored(id).published()).isTrue();
            assertThat(stored(id).version()).isEqualTo(2);
        }
        assertThat(stored(later.id())).isEqualTo(later);
        assertThat(stored(draft.id())).isEqualTo(draft);
    }

    @Test
    void sweepsRacingEachOtherAndAPostsOwnRunPublishEveryPostOnce() throws Exception {
        List<Long> dueIds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long id = scheduled(inAnHour()).id();
            due(id);
            dueIds.add(id);
        }
        List<Callable<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(() -> publishing.publishDue(7));
        }
        for (long id : dueIds.subList(0, 5)) {
            runs.add(() -> publishing.publishIfDue(id) ? 1 : 0);
        }
        int published = Race.together(runs).stream().mapToInt(Integer::intValue).sum();
        assertThat(published).isEqualTo(40);
        for (long id : dueIds) {
            assertThat(stored(id).version()).isEqualTo(2);
        }
    }

    @Test
    void aPublishedPostsCachedDraftGoesWhenItIsPublished() {
        Post post = scheduled(inAnHour());
        CachedPost draft = cache.find(post.id(), JSON).orElseThrow();
        assertThat(draft.published()).isFalse();
        due(post.id());
        publishing.publishIfDue(post.id());
        CachedPost published = cache.find(post.id(), JSON).orElseThrow();
        assertThat(published.published()).isTrue();
        assertThat(new String(published.json(), StandardCharsets.UTF_8)).isEqualTo("true@2");
    }

    @Test
    void theSweepDropsThePublishedPostsCachedCopies() {
        Post post = scheduled(inAnHour());
        cache.find(post.id(), JSON);
        due(post.id());
        publishing.publishDue(10);
        assertThat(cache.find(post.id(), JSON).orElseThrow().published()).isTrue();
    }

    /** A kept list page of the published posts' ids, built from the database when not kept. */
    private String keptPublishedPage() {
        return new String(cache.kept().listPage(Visibility.PUBLIC, "published", () -> new ListPage(null,
                db.jdbi().withHandle(h -> h.createQuery("SELECT string_agg(id::text, ',' ORDER BY id) FROM posts WHERE published")
                        .mapTo(String.class).findOne().orElse("")).getBytes(StandardCharsets.UTF_8))).json(), StandardCharsets.UTF_8);
    }

    /** A draft whose copy and a kept page without it are cached: as an editor's read and a reader's list leave them. */
    private Post scheduledAndCached() {
        Post post = scheduled(inAnHour());
        assertThat(cache.find(post.id(), JSON).orElseThrow().published()).isFalse();
        assertThat(keptPublishedPage()).doesNotContain(Long.toString(post.id()));
        return post;
    }

    /** What the cache serves of post {@code id} is the published post, in its copy and in the kept page. */
    private void assertServedPublished(long id) {
        assertThat(new String(cache.find(id, JSON).orElseThrow().json(), StandardCharsets.UTF_8)).isEqualTo("true@2");
        assertThat(keptPublishedPage()).contains(Long.toString(id));
    }

    @Test
    void aPostsRunAfterARunThatDiedBetweenItsCommitAndItsDropDropsThePostsCachedCopies() {
        Post post = scheduledAndCached();
        due(post.id());
        // The run before: its UPDATE committed, and it died before it dropped anything.
        db.jdbi().useHandle(h -> h.execute(PostDao.PUBLISH + " WHERE id = ?", post.id()));
        assertThat(cache.find(post.id(), JSON).orElseThrow().published()).as("the stale copy, before the run").isFalse();

        assertThat(publishing.publishIfDue(post.id())).as("published by the run before").isFalse();
        assertServedPublished(post.id());
    }

    @Test
    void aSweepMakesTheDropsThatASweepWhichDiedAfterItsCommitPromised() {
        Post post = scheduledAndCached();
        due(post.id());
        // The sweep before: its chunk committed with its drops promised, and it died before it made them.
        assertThat(publishing.publishChunk(10).ids()).containsExactly(post.id());
        assertThat(cache.find(post.id(), JSON).orElseThrow().published()).as("the stale copy, before the sweep").isFalse();

        assertThat(publishing.publishDue(10, Duration.ZERO)).as("nothing left to publish").isZero();
        assertServedPublished(post.id());
        assertThat(promises()).as("made, then forgotten").isEmpty();
    }

    @Test
    void aSweepForgetsThePromisesItKeptAndLeavesThoseOfRunsStillKeepingThem() {
        Post kept = scheduled(inAnHour());
        due(kept.id());
        assertThat(publishing.publishDue(10)).isEqualTo(1);
        assertThat(promises()).as("kept and forgotten").isEmpty();

        Post running = scheduledAndCached();
        due(running.id());
        publishing.publishChunk(10); // a run between its commit and its drop
        publishing.publishDue(10);
        assertThat(promises()).as("a promise younger than a live run keeps one in").hasSize(1);
    }

    /** The promises in Redis now. */
    private List<String> promises() {
        try (RedisClient redis = TestRedis.get().client()) {
            return redis.zrange(namespace + ":invalidations:promised", 0, -1);
        }
    }

    @Test
    void aScheduleMovesIsCancelledAndIsClearedByPublishingNow() {
        Post post = scheduled(inAnHour());
        OffsetDateTime later = inAnHour().plusDays(1);
        assertThat(patch(post.id(), PostChanges.of(null, null, false, null, null, null, null, true, later)).publishAt()).isEqualTo(later);
        Post cancelled = patch(post.id(), PostChanges.of(null, null, false, null, null, null, null, true, null));
        assertThat(cancelled.publishAt()).isNull();
        assertThat(cancelled.published()).isFalse();
        patch(post.id(), PostChanges.of(null, null, false, null, null, null, null, true, later));
        Post now = patch(post.id(), PostChanges.of(null, null, false, null, true, null));
        assertThat(now.published()).isTrue();
        assertThat(now.publishAt()).isNull();
    }

    @Test
    void publishedFalseCancelsAScheduleUnlessItSetsOne() {
        Post post = scheduled(inAnHour());
        assertThat(patch(post.id(), PostChanges.of(null, null, false, null, false, null)).publishAt()).isNull();
        OffsetDateTime at = inAnHour();
        Post published = writes.create(NewPost.of(author, null, "Out", "w", true, List.of()));
        Post rescheduled = patch(published.id(), PostChanges.of(null, null, false, null, false, null, null, true, at));
        assertThat(rescheduled.published()).isFalse();
        assertThat(rescheduled.publishAt()).isEqualTo(at);
    }

    @Test
    void aPublishedPostCannotBeScheduledAndIsLeftAsItWas() {
        Post published = writes.create(NewPost.of(author, null, "Out", "w", true, List.of()));
        assertThatThrownBy(() -> patch(published.id(), PostChanges.of(null, null, false, null, null, null, null, true, inAnHour())))
                .isInstanceOf(InvalidException.class)
                .satisfies(e -> assertThat(((InvalidException) e).errors().get(0).field()).isEqualTo("publish_at"));
        assertThat(stored(published.id())).isEqualTo(published);
    }

    @Test
    void anEditOfAnotherFieldKeepsTheSchedule() {
        OffsetDateTime at = inAnHour();
        Post post = scheduled(at);
        Post edited = patch(post.id(), PostChanges.of("New title", null, false, null, null, null));
        assertThat(edited.publishAt()).isEqualTo(at);
        Post tagged = writes.update(post.id(), PostChanges.of(null, null, false, null, null, List.of("soon")), null, edited.version());
        assertThat(tagged.publishAt()).isEqualTo(at);
    }

    @Test
    void aBulkUpdateOfPublishedCancelsSchedules() {
        Post toDraft = scheduled(inAnHour());
        Post toPublished = scheduled(inAnHour());
        BulkUpdateDao bulk = db.dao(BulkUpdateDao.class);
        for (Object[] run : List.of(new Object[] {toDraft.id(), false}, new Object[] {toPublished.id(), true})) {
            UUID id = bulk.insertOnce(BulkUpdate.of(UUID.randomUUID(), author, null, List.of((Long) run[0]), null,
                    new BulkUpdate.Change((Boolean) run[1], false, null, List.of(), List.of())));
            int chunks = bulk.plan(id, 10);
            for (int c = 0; c < chunks; c++) {
                writes.applyChunk(id, c);
            }
        }
        assertThat(stored(toDraft.id()).published()).isFalse();
        assertThat(stored(toDraft.id()).publishAt()).isNull();
        assertThat(stored(toPublished.id()).published()).isTrue();
        assertThat(stored(toPublished.id()).publishAt()).isNull();
    }

    @Test
    void theDatabaseRefusesAPublishedPostWithASchedule() {
        Post published = writes.create(NewPost.of(author, null, "Out", "w", true, List.of()));
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute(
                "UPDATE posts SET publish_at = now() + interval '1 hour' WHERE id = ?", published.id())))
                .hasMessageContaining("posts_publish_at_check");
    }
}
