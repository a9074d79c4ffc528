package dev.inkwell.persistence.post;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.domain.StaleVersionException;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostChanges;
import dev.inkwell.persistence.testing.Race;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an update of a post writes ({@link PostDao#update}): the given fields with the version
 * bumped, tags kept unless given, the publication time cleared and set again; the expected version
 * checked, exactly one of two racing updates winning; a missing post or an unknown category refused.
 * The one-statement edit of the API: {@link PostWritesPatchIT}.
 */
class PostUpdateIT {
    @RegisterExtension
    final PostDaoFixture db = new PostDaoFixture();

    @Test
    void updateChangesGivenFieldsAndBumpsVersion() {
        Post post = db.create("Before", false, List.of("a", "b"));
        Post after = db.posts().update(post.id(), PostChanges.of("After", null, true, null, true, List.of("b", "c")), null);
        assertThat(after.title()).isEqualTo("After");
        assertThat(after.content()).isEqualTo(post.content());
        assertThat(after.category()).isNull();
        assertThat(after.published()).isTrue();
        assertThat(after.publishedAt()).isNotNull();
        assertThat(after.tags()).containsExactly("b", "c");
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.updatedAt()).isAfterOrEqualTo(post.updatedAt());
        assertThat(db.posts().findById(post.id())).as("read back").contains(after);
    }

    @Test
    void updateWithoutTagsKeepsThem() {
        Post post = db.create("Keep", true, List.of("x"));
        assertThat(db.posts().update(post.id(), PostChanges.of(null, "new body", false, null, null, null), null).tags())
                .containsExactly("x");
        assertThat(db.posts().findById(post.id()).orElseThrow().tags()).as("read back").containsExactly("x");
    }

    @Test
    void unpublishingClearsPublicationTimeAndRepublishingSetsIt() {
        Post post = db.create("Toggle", true, List.of());
        Post draft = db.posts().update(post.id(), PostChanges.of(null, null, false, null, false, null), null);
        assertThat(draft.publishedAt()).isNull();
        assertThat(db.posts().findById(post.id()).orElseThrow().publishedAt()).as("read back").isNull();
        Post again = db.posts().update(post.id(), PostChanges.of(null, null, false, null, true, null), null);
        assertThat(again.publishedAt()).isNotNull();
        assertThat(db.posts().findById(post.id())).as("read back").contains(again);
    }

    @Test
    void updateWithCurrentVersionSucceeds() {
        Post post = db.create("V", true, List.of());
        assertThat(db.posts().update(post.id(), PostChanges.of("V2", null, false, null, null, null), 1L).version()).isEqualTo(2);
    }

    @Test
    void updateWithStaleVersionIsRefusedAndChangesNothing() {
        Post post = db.create("V", true, List.of("keep"));
        db.posts().update(post.id(), PostChanges.of("V2", null, false, null, null, null), null);
        assertThatThrownBy(() -> db.posts().update(post.id(), PostChanges.of("V3", null, false, null, null, List.of()), 1L))
                .isInstanceOfSatisfying(StaleVersionException.class, e -> assertThat(e.currentVersion()).isEqualTo(2));
        Post now = db.posts().findById(post.id()).orElseThrow();
        assertThat(now.title()).isEqualTo("V2");
        assertThat(now.tags()).containsExactly("keep");
    }

    @Test
    void updateOfMissingPostIsNotFound() {
        assertThatThrownBy(() -> db.posts().update(777, PostChanges.of("x", null, false, null, null, null), null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> db.posts().update(777, PostChanges.of("x", null, false, null, null, null), 3L))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void updateToUnknownCategoryIsInvalid() {
        Post post = db.create("C", true, List.of());
        assertThatThrownBy(() -> db.posts().update(post.id(), PostChanges.of(null, null, true, 5555L, null, null), null))
                .isInstanceOf(InvalidException.class);
        assertThat(db.posts().findById(post.id())).as("nothing written").contains(post);
    }

    @Test
    void concurrentUpdatesWithTheSameVersionLetExactlyOneWin() throws Exception {
        for (int round = 0; round < 10; round++) {
            Post post = db.create("race" + round, true, List.of());
            List<Object> outcomes = Race.transactions(db.jdbi(), List.of(
                    h -> h.attach(PostDao.class).update(post.id(), PostChanges.of("winner0", null, false, null, null, null), 1L),
                    h -> h.attach(PostDao.class).update(post.id(), PostChanges.of("winner1", null, false, null, null, null), 1L)));
            assertThat(outcomes).filteredOn(Post.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(StaleVersionException.class::isInstance).hasSize(1);
            assertThat(db.posts().findById(post.id()).orElseThrow().version()).isEqualTo(2);
        }
    }
}
