package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.persistence.testing.Race;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

import static dev.inkwell.persistence.post.PostPublishingFixture.inAnHour;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runs that publish scheduled posts: a post's own run and the sweep publish a post once it is
 * due and not before, at its scheduled time, once however many runs and sweeps race for it, in
 * chunks, leaving drafts and posts not yet due as they were. What they do to the cache:
 * {@link PostPublishingCacheIT}; the schedule itself: {@link PostPublishingScheduleIT}.
 */
class PostPublishingRunsIT {
    @RegisterExtension
    final PostPublishingFixture posts = new PostPublishingFixture();

    @Test
    void aPostThatIsNotDueIsNotPublished() {
        Post post = posts.scheduled(inAnHour());
        assertThat(posts.publishing.publishIfDue(post.id())).isFalse();
        assertThat(posts.publishing.publishDue(10)).isZero();
        assertThat(posts.stored(post.id())).isEqualTo(post);
    }

    @Test
    void aDuePostIsPublishedOnceAtItsScheduledTime() {
        Post post = posts.scheduled(inAnHour());
        OffsetDateTime at = posts.due(post.id());
        assertThat(posts.publishing.publishIfDue(post.id())).isTrue();
        assertThat(posts.publishing.publishIfDue(post.id())).as("a second run").isFalse();
        Post published = posts.stored(post.id());
        assertThat(published.published()).isTrue();
        assertThat(published.publishedAt()).isEqualTo(at);
        assertThat(published.publishAt()).isNull();
        assertThat(published.version()).isEqualTo(2);
    }

    @Test
    void twoRunsRacingForOnePostPublishItOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            Post post = posts.scheduled(inAnHour());
            posts.due(post.id());
            Function<Handle, Object> run = h -> h.attach(PostDao.class).publishIfDue(post.id());
            List<Object> outcomes = Race.transactions(posts.jdbi(), List.of(run, run));
            assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder(true, false);
            assertThat(posts.stored(post.id()).version()).isEqualTo(2);
        }
    }

    @Test
    void theSweepPublishesEveryDuePostOnceInChunksAndLeavesTheOthers() {
        List<Long> dueIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long id = posts.scheduled(inAnHour()).id();
            posts.due(id);
            dueIds.add(id);
        }
        Post later = posts.scheduled(inAnHour());
        Post draft = posts.writes.create(NewPost.of(posts.author, null, "Plain draft", "w", false, List.of()));
        assertThat(posts.publishing.publishDue(2)).isEqualTo(5);
        assertThat(posts.publishing.publishDue(2)).isZero();
        for (long id : dueIds) {
            assertThat(posts.stored(id).published()).isTrue();
            assertThat(posts.stored(id).version()).isEqualTo(2);
        }
        assertThat(posts.stored(later.id())).isEqualTo(later);
        assertThat(posts.stored(draft.id())).isEqualTo(draft);
    }

    @Test
    void sweepsRacingEachOtherAndAPostsOwnRunPublishEveryPostOnce() throws Exception {
        List<Long> dueIds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long id = posts.scheduled(inAnHour()).id();
            posts.due(id);
            dueIds.add(id);
        }
        List<Callable<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(() -> posts.publishing.publishDue(7));
        }
        for (long id : dueIds.subList(0, 5)) {
            runs.add(() -> posts.publishing.publishIfDue(id) ? 1 : 0);
        }
        int published = Race.together(runs).stream().mapToInt(Integer::intValue).sum();
        assertThat(published).isEqualTo(40);
        for (long id : dueIds) {
            assertThat(posts.stored(id).version()).isEqualTo(2);
        }
    }
}
