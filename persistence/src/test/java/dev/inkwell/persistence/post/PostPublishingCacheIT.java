package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.Visibility;
import dev.inkwell.persistence.cache.ListPage;
import dev.inkwell.persistence.post.PostCache.CachedPost;
import dev.inkwell.persistence.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static dev.inkwell.persistence.post.PostPublishingFixture.inAnHour;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled publishing and the cache: a published post's cached draft and the kept pages without
 * it go when a run or the sweep publishes it, also when the run or sweep before died between its
 * commit and its drops, and a sweep forgets the promised drops it made but not those of runs still
 * making them. The runs themselves: {@link PostPublishingRunsIT}.
 */
class PostPublishingCacheIT {
    @RegisterExtension
    final PostPublishingFixture posts = new PostPublishingFixture();

    /** The "JSON" of the test: enough to tell copies apart. */
    private static final Function<Post, byte[]> JSON = p -> (p.published() + "@" + p.version()).getBytes(StandardCharsets.UTF_8);

    @Test
    void aPublishedPostsCachedDraftGoesWhenItIsPublished() {
        Post post = posts.scheduled(inAnHour());
        CachedPost draft = posts.cache.find(post.id(), JSON).orElseThrow();
        assertThat(draft.published()).isFalse();
        posts.due(post.id());
        posts.publishing.publishIfDue(post.id());
        CachedPost published = posts.cache.find(post.id(), JSON).orElseThrow();
        assertThat(published.published()).isTrue();
        assertThat(new String(published.json(), StandardCharsets.UTF_8)).isEqualTo("true@2");
    }

    @Test
    void theSweepDropsThePublishedPostsCachedCopies() {
        Post post = posts.scheduled(inAnHour());
        posts.cache.find(post.id(), JSON);
        posts.due(post.id());
        posts.publishing.publishDue(10);
        assertThat(posts.cache.find(post.id(), JSON).orElseThrow().published()).isTrue();
    }

    /** A kept list page of the published posts' ids, built from the database when not kept. */
    private String keptPublishedPage() {
        return new String(posts.cache.kept().listPage(Visibility.PUBLIC, "published", () -> new ListPage(null,
                posts.jdbi().withHandle(h -> h.createQuery("SELECT string_agg(id::text, ',' ORDER BY id) FROM posts WHERE published")
                        .mapTo(String.class).findOne().orElse("")).getBytes(StandardCharsets.UTF_8))).json(), StandardCharsets.UTF_8);
    }

    /** A draft whose copy and a kept page without it are cached: as an editor's read and a reader's list leave them. */
    private Post scheduledAndCached() {
        Post post = posts.scheduled(inAnHour());
        assertThat(posts.cache.find(post.id(), JSON).orElseThrow().published()).isFalse();
        assertThat(keptPublishedPage()).doesNotContain(Long.toString(post.id()));
        return post;
    }

    /** What the cache serves of post {@code id} is the published post, in its copy and in the kept page. */
    private void assertServedPublished(long id) {
        assertThat(new String(posts.cache.find(id, JSON).orElseThrow().json(), StandardCharsets.UTF_8)).isEqualTo("true@2");
        assertThat(keptPublishedPage()).contains(Long.toString(id));
    }

    @Test
    void aPostsRunAfterARunThatDiedBetweenItsCommitAndItsDropDropsThePostsCachedCopies() {
        Post post = scheduledAndCached();
        posts.due(post.id());
        // The run before: its UPDATE committed, and it died before it dropped anything.
        posts.jdbi().useHandle(h -> h.execute(PostDao.PUBLISH + " WHERE id = ?", post.id()));
        assertThat(posts.cache.find(post.id(), JSON).orElseThrow().published()).as("the stale copy, before the run").isFalse();

        assertThat(posts.publishing.publishIfDue(post.id())).as("published by the run before").isFalse();
        assertServedPublished(post.id());
    }

    @Test
    void aSweepMakesTheDropsThatASweepWhichDiedAfterItsCommitPromised() {
        Post post = scheduledAndCached();
        posts.due(post.id());
        // The sweep before: its chunk committed with its drops promised, and it died before it made them.
        assertThat(posts.publishing.publishChunk(10).ids()).containsExactly(post.id());
        assertThat(posts.cache.find(post.id(), JSON).orElseThrow().published()).as("the stale copy, before the sweep").isFalse();

        assertThat(posts.publishing.publishDue(10, Duration.ZERO)).as("nothing left to publish").isZero();
        assertServedPublished(post.id());
        assertThat(promises()).as("made, then forgotten").isEmpty();
    }

    @Test
    void aSweepForgetsThePromisesItKeptAndLeavesThoseOfRunsStillKeepingThem() {
        Post kept = posts.scheduled(inAnHour());
        posts.due(kept.id());
        assertThat(posts.publishing.publishDue(10)).isEqualTo(1);
        assertThat(promises()).as("kept and forgotten").isEmpty();

        Post running = scheduledAndCached();
        posts.due(running.id());
        posts.publishing.publishChunk(10); // a run between its commit and its drop
        posts.publishing.publishDue(10);
        assertThat(promises()).as("a promise younger than a live run keeps one in").hasSize(1);
    }

    /** The promises in Redis now. */
    private List<String> promises() {
        try (RedisClient redis = TestRedis.get().client()) {
            return redis.zrange(posts.namespace + ":invalidations:promised", 0, -1);
        }
    }
}
