package dev.inkwell.persistence.post;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostChanges;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.persistence.post.PostDao.SlugTarget;
import dev.inkwell.persistence.testing.CachedPostWrites;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.testing.Race;
import dev.inkwell.persistence.user.UserDao;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Posts' slugs on a real PostgreSQL and Redis: made from the title, unique under races, and old slugs leading on. */
class PostSlugsIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private CachedPostWrites written;
    private PostCache cache;
    private PostWrites writes;
    private long author;

    @BeforeEach
    void setUp() {
        written = new CachedPostWrites(db.jdbi(), "slugs-" + UUID.randomUUID().toString().substring(0, 8));
        cache = written.cache();
        writes = written.writes();
        author = db.dao(UserDao.class).insert(NewUser.of("slugger", "slugger@example.com", null, null)).id();
    }

    @AfterEach
    void tearDown() {
        written.close();
    }

    private Post create(String title) {
        return writes.create(NewPost.of(author, null, title, "words", true, List.of()));
    }

    private Post slug(long id, String slug) {
        return writes.patch(id, author, false, PostChanges.of(null, null, false, null, null, null, slug, false, null), null)
                .orElseThrow();
    }

    private Optional<SlugTarget> target(String slug) {
        return db.dao(PostDao.class).findSlug(slug);
    }

    @Test
    void aNewPostsSlugIsTheWordsOfItsTitle() {
        assertThat(create("Hello, World! Café au lait").slug()).isEqualTo("hello-world-cafe-au-lait");
    }

    @Test
    void aTitleWithoutLettersOrDigitsGivesPostAndTheId() {
        Post first = create("!!!");
        Post second = create("???");
        assertThat(first.slug()).isEqualTo("post");
        assertThat(second.slug()).isEqualTo("post-" + second.id());
    }

    @Test
    void aTakenSlugGetsThePostsIdAsItsSuffix() {
        Post first = create("Same title");
        Post second = create("Same title");
        Post third = create("Same title");
        assertThat(first.slug()).isEqualTo("same-title");
        assertThat(second.slug()).isEqualTo("same-title-" + second.id());
        assertThat(third.slug()).isEqualTo("same-title-" + third.id());
    }

    @Test
    void anOldSlugIsNotGivenToANewPost() {
        Post first = create("Moving on");
        slug(first.id(), "moved");
        Post second = create("Moving on");
        assertThat(second.slug()).isEqualTo("moving-on-" + second.id());
        assertThat(target("moving-on")).contains(new SlugTarget(first.id(), "moved"));
    }

    @Test
    void createsOfOneTitleAtOnceMakeAPostEachWithSlugsOfTheirOwn() throws Exception {
        for (int round = 0; round < 10; round++) {
            String title = "Racing title " + round;
            List<Callable<Post>> creates = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                creates.add(() -> create(title));
            }
            List<Post> made = Race.together(creates);
            assertThat(made.stream().map(Post::slug).distinct()).as("round %d", round).hasSize(4);
            assertThat(made.stream().map(Post::slug)).contains("racing-title-" + round);
        }
    }

    @Test
    void twoTransactionsCreatingOneTitleBothCommitAPost() throws Exception {
        Function<Handle, Object> create = h -> h.attach(PostDao.class).create(NewPost.of(author, null, "Overlap", "w", true, List.of()));
        List<Object> outcomes = Race.transactions(db.jdbi(), List.of(create, create));
        assertThat(outcomes).allMatch(o -> o instanceof Post);
        assertThat(outcomes.stream().map(o -> ((Post) o).slug()).distinct()).hasSize(2).contains("overlap");
    }

    @Test
    void aChangedSlugKeepsLeadingToThePostUnderItsNewSlug() {
        Post post = create("First name");
        Post renamed = slug(post.id(), "second-name");
        assertThat(renamed.slug()).isEqualTo("second-name");
        assertThat(renamed.version()).isEqualTo(2);
        slug(post.id(), "third-name");
        assertThat(target("first-name")).contains(new SlugTarget(post.id(), "third-name"));
        assertThat(target("second-name")).contains(new SlugTarget(post.id(), "third-name"));
        assertThat(target("third-name")).contains(new SlugTarget(post.id(), "third-name"));
        assertThat(target("never-was")).isEmpty();
    }

    @Test
    void aPostTakingBackAnOldSlugHasItAsItsSlugAgain() {
        Post post = create("Back and forth");
        slug(post.id(), "forth");
        slug(post.id(), "back-and-forth");
        assertThat(target("back-and-forth")).contains(new SlugTarget(post.id(), "back-and-forth"));
        assertThat(target("forth")).contains(new SlugTarget(post.id(), "back-and-forth"));
        assertThat(oldSlugs(post.id())).containsExactly("forth");
    }

    @Test
    void anotherPostMayTakeAnOldSlugWhichThenLeadsToIt() {
        Post first = create("Given up");
        slug(first.id(), "kept");
        Post second = create("Other");
        slug(second.id(), "given-up");
        assertThat(target("given-up")).contains(new SlugTarget(second.id(), "given-up"));
        assertThat(oldSlugs(first.id())).isEmpty();
    }

    @Test
    void aSlugAnotherPostHasIsAConflictAndChangesNothing() {
        Post first = create("Taken");
        Post second = create("Wanting");
        assertThatThrownBy(() -> slug(second.id(), "taken")).isInstanceOf(ConflictException.class);
        assertThat(db.dao(PostDao.class).findById(second.id()).orElseThrow().slug()).isEqualTo("wanting");
        assertThat(target("taken")).contains(new SlugTarget(first.id(), "taken"));
    }

    @Test
    void theDatabaseRefusesASlugOfAnotherShape() {
        Post post = create("Shape");
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("UPDATE posts SET slug = 'Not A Slug' WHERE id = ?", post.id())))
                .hasMessageContaining("posts_slug_check");
        assertThatThrownBy(() -> writes.patch(post.id(), author, false,
                new PostChanges(null, null, false, null, null, null, "x".repeat(101), false, null), null))
                .isInstanceOf(InvalidException.class);
    }

    @Test
    void aDeletedPostsOldSlugsGoWithIt() {
        Post post = create("Short lived");
        slug(post.id(), "shorter");
        writes.delete(post.id());
        assertThat(target("short-lived")).isEmpty();
        assertThat(target("shorter")).isEmpty();
    }

    @Test
    void anInsertWithoutASlugGetsTheTitlesWordsAndItsId() {
        long id = db.jdbi().withHandle(h -> h.createQuery(
                "INSERT INTO posts (author_id, title, content) VALUES (:author, 'By Hand!', 'c') RETURNING id")
                .bind("author", author).mapTo(Long.class).one());
        assertThat(db.dao(PostDao.class).findById(id).orElseThrow().slug()).isEqualTo("by-hand-" + id);
    }

    @Test
    void whereASlugLeadsIsCachedUntilTheNextPostWrite() {
        Post post = create("Cached slug");
        assertThat(cache.kept().findSlug("cached-slug")).contains(new SlugTarget(post.id(), "cached-slug"));
        // Changed behind the cache's back: the kept answer stands until a post write drops it.
        db.jdbi().useHandle(h -> h.execute("UPDATE posts SET slug = 'behind-the-back' WHERE id = ?", post.id()));
        assertThat(cache.kept().findSlug("cached-slug")).contains(new SlugTarget(post.id(), "cached-slug"));
        db.jdbi().useHandle(h -> h.execute("UPDATE posts SET slug = 'cached-slug' WHERE id = ?", post.id()));
        slug(post.id(), "through-the-writes");
        assertThat(cache.kept().findSlug("cached-slug")).contains(new SlugTarget(post.id(), "through-the-writes"));
        assertThat(cache.kept().findSlug("through-the-writes")).contains(new SlugTarget(post.id(), "through-the-writes"));
    }

    @Test
    void aNewPostDropsWhatTheCacheKeptOfItsSlug() {
        assertThat(cache.kept().findSlug("fresh")).isEmpty();
        Post deleted = create("Fresh");
        assertThat(cache.kept().findSlug("fresh")).contains(new SlugTarget(deleted.id(), "fresh"));
        writes.delete(deleted.id());
        assertThat(cache.kept().findSlug("fresh")).isEmpty();
        Post again = create("Fresh");
        assertThat(cache.kept().findSlug("fresh")).contains(new SlugTarget(again.id(), "fresh"));
    }

    private List<String> oldSlugs(long postId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT slug FROM post_old_slugs WHERE post_id = :id ORDER BY slug")
                .bind("id", postId).mapTo(String.class).list());
    }
}
