package dev.inkwell.persistence.post;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.post.BulkUpdate;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostChanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static dev.inkwell.persistence.post.PostPublishingFixture.inAnHour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A post's schedule: a scheduled post is a draft with its time; the schedule moves, is cancelled
 * and is cleared by publishing now, is kept by edits of other fields, is cancelled by a bulk
 * update of published; and a published post has none (refused by the writes and by the
 * database). Publishing a due post: {@link PostPublishingRunsIT}.
 */
class PostPublishingScheduleIT {
    @RegisterExtension
    final PostPublishingFixture posts = new PostPublishingFixture();

    private Post patch(long id, PostChanges changes) {
        return posts.writes.patch(id, posts.author, false, changes, null).orElseThrow();
    }

    @Test
    void aScheduledPostIsADraftWithItsTime() {
        OffsetDateTime at = inAnHour();
        Post post = posts.scheduled(at);
        assertThat(post.published()).isFalse();
        assertThat(post.publishedAt()).isNull();
        assertThat(post.publishAt()).isEqualTo(at);
    }

    @Test
    void aScheduleMovesIsCancelledAndIsClearedByPublishingNow() {
        Post post = posts.scheduled(inAnHour());
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
        Post post = posts.scheduled(inAnHour());
        assertThat(patch(post.id(), PostChanges.of(null, null, false, null, false, null)).publishAt()).isNull();
        OffsetDateTime at = inAnHour();
        Post published = posts.writes.create(NewPost.of(posts.author, null, "Out", "w", true, List.of()));
        Post rescheduled = patch(published.id(), PostChanges.of(null, null, false, null, false, null, null, true, at));
        assertThat(rescheduled.published()).isFalse();
        assertThat(rescheduled.publishAt()).isEqualTo(at);
    }

    @Test
    void aPublishedPostCannotBeScheduledAndIsLeftAsItWas() {
        Post published = posts.writes.create(NewPost.of(posts.author, null, "Out", "w", true, List.of()));
        assertThatThrownBy(() -> patch(published.id(), PostChanges.of(null, null, false, null, null, null, null, true, inAnHour())))
                .isInstanceOf(InvalidException.class)
                .satisfies(e -> assertThat(((InvalidException) e).errors().get(0).field()).isEqualTo("publish_at"));
        assertThat(posts.stored(published.id())).isEqualTo(published);
    }

    @Test
    void anEditOfAnotherFieldKeepsTheSchedule() {
        OffsetDateTime at = inAnHour();
        Post post = posts.scheduled(at);
        Post edited = patch(post.id(), PostChanges.of("New title", null, false, null, null, null));
        assertThat(edited.publishAt()).isEqualTo(at);
        Post tagged = posts.writes.update(post.id(), PostChanges.of(null, null, false, null, null, List.of("soon")), null, edited.version());
        assertThat(tagged.publishAt()).isEqualTo(at);
    }

    @Test
    void aBulkUpdateOfPublishedCancelsSchedules() {
        Post toDraft = posts.scheduled(inAnHour());
        Post toPublished = posts.scheduled(inAnHour());
        BulkUpdateDao bulk = posts.dao(BulkUpdateDao.class);
        for (Object[] run : List.of(new Object[] {toDraft.id(), false}, new Object[] {toPublished.id(), true})) {
            UUID id = bulk.insertOnce(BulkUpdate.of(UUID.randomUUID(), posts.author, null, List.of((Long) run[0]), null,
                    new BulkUpdate.Change((Boolean) run[1], false, null, List.of(), List.of())));
            int chunks = bulk.plan(id, 10);
            for (int c = 0; c < chunks; c++) {
                posts.writes.applyChunk(id, c);
            }
        }
        assertThat(posts.stored(toDraft.id()).published()).isFalse();
        assertThat(posts.stored(toDraft.id()).publishAt()).isNull();
        assertThat(posts.stored(toPublished.id()).published()).isTrue();
        assertThat(posts.stored(toPublished.id()).publishAt()).isNull();
    }

    @Test
    void theDatabaseRefusesAPublishedPostWithASchedule() {
        Post published = posts.writes.create(NewPost.of(posts.author, null, "Out", "w", true, List.of()));
        assertThatThrownBy(() -> posts.jdbi().useHandle(h -> h.execute(
                "UPDATE posts SET publish_at = now() + interval '1 hour' WHERE id = ?", published.id())))
                .hasMessageContaining("posts_publish_at_check");
    }
}
