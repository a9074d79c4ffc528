package dev.inkwell.persistence.post;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostChanges;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.cache.CacheFactory;
import dev.inkwell.persistence.testing.Race;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-statement edit of a post ({@link PostWrites#patch}): what it writes, and what it leaves to {@link PostDao#update}. */
class PostWritesPatchIT {
    @RegisterExtension
    final PostDaoFixture db = new PostDaoFixture();

    private Post create(String title) {
        return db.create(title, true, List.of("b", "a"));
    }

    /** A user who is not the post's author: only two tests need one, so the fixture does not make it. */
    private User someoneElse() {
        return db.dao(UserDao.class).insert(NewUser.of("other", "other@example.com", null, null));
    }

    private Optional<Post> patch(long postId, long editorId, boolean admin, String title, Long expectedVersion) {
        return writes().patch(postId, editorId, admin, PostChanges.of(title, null, false, null, null, null), expectedVersion);
    }

    /** The service with the cache off: what a patch writes is the point here, not what it invalidates. */
    private PostWrites writes() {
        CacheFactory off = new CacheFactory();
        off.setEnabled(false);
        return new PostWrites(db.jdbi(), new PostCache(off.build(new MetricRegistry()), db.jdbi()));
    }

    private Post stored(long id) {
        return db.dao(PostDao.class).findById(id).orElseThrow();
    }

    @Test
    void theAuthorsEditIsWrittenAndReturnedAsARead() {
        Post post = create("Before");
        Post written = patch(post.id(), db.author.id(), false, "After", 1L).orElseThrow();
        assertThat(written.version()).isEqualTo(2);
        assertThat(written).isEqualTo(stored(post.id()));
        assertThat(written.tags()).containsExactly("a", "b");
        assertThat(written.category().name()).isEqualTo("Java");
        assertThat(written.author().username()).isEqualTo("writer");
    }

    @Test
    void anAdminsEditIsWritten() {
        Post post = create("Before");
        assertThat(patch(post.id(), someoneElse().id(), true, "By an admin", null)).map(Post::title).contains("By an admin");
    }

    @Test
    void anEditBySomeoneElseWritesNothing() {
        Post post = create("Mine");
        assertThat(patch(post.id(), someoneElse().id(), false, "Theirs", null)).isEmpty();
        assertThat(stored(post.id())).isEqualTo(post);
    }

    @Test
    void anEditAtAStaleVersionWritesNothing() {
        Post post = create("V1");
        patch(post.id(), db.author.id(), false, "V2", 1L).orElseThrow();
        Post v2 = stored(post.id());
        assertThat(patch(post.id(), db.author.id(), false, "V3", 1L)).isEmpty();
        assertThat(stored(post.id())).isEqualTo(v2);
    }

    @Test
    void anEditThatChangesNothingWritesNothing() {
        Post post = create("Same");
        assertThat(patch(post.id(), db.author.id(), false, "Same", null)).isEmpty();
        assertThat(stored(post.id())).isEqualTo(post);
    }

    @Test
    void anEditOfAMissingPostWritesNothing() {
        assertThat(patch(777, db.author.id(), true, "x", null)).isEmpty();
    }

    @Test
    void twoEditsAtTheSameVersionWriteOnceTheSecondSeeingTheFirstsRow() throws Exception {
        for (int round = 0; round < 10; round++) {
            Post post = create("race" + round);
            PostChanges first = PostChanges.of("winner0", null, false, null, null, null);
            PostChanges second = PostChanges.of("winner1", null, false, null, null, null);
            List<Object> outcomes = Race.transactions(db.jdbi(), List.of(
                    h -> PostStatements.patch(h, post.id(), db.author.id(), false, first, 1L),
                    h -> PostStatements.patch(h, post.id(), db.author.id(), false, second, 1L)));
            assertThat(outcomes).filteredOn(o -> ((Optional<?>) o).isPresent()).hasSize(1);
            Post now = stored(post.id());
            assertThat(now.version()).isEqualTo(2);
            assertThat(outcomes).contains(Optional.of(now));
        }
    }
}
