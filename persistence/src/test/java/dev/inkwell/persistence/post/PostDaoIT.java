package dev.inkwell.persistence.post;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.domain.StaleVersionException;
import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.domain.post.CategoryPostStats;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostChanges;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.tag.TagDao;
import dev.inkwell.persistence.tag.TagsByName;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.testing.Race;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Handle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostDaoIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private User author;
    private Category java;

    @BeforeEach
    void fixtures() {
        author = db.dao(UserDao.class).insert(NewUser.of("writer", "writer@example.com", null, null));
        java = db.dao(CategoryDao.class).insert(NewCategory.of("Java", null, null, null));
    }

    private PostDao posts() {
        return db.dao(PostDao.class);
    }

    private Post create(String title, boolean published, List<String> tags) {
        return posts().create(NewPost.of(author.id(), java.id(), title, "content of " + title, published, tags));
    }

    /** Searches check and rank matches by their vectors: that must not cost a TOAST lookup per match. */
    @Test
    void aPostsSearchVectorStaysInItsRowAndOnlyAHugePostsGoesOutOfLine() {
        String toast = db.jdbi().withHandle(h -> h.createQuery("SELECT reltoastrelid::regclass::text FROM pg_class WHERE relname = 'post_search'")
                .mapTo(String.class).one());
        StringBuilder words = new StringBuilder();
        for (int i = 0; words.length() < 1_200; i++) {
            words.append("word").append(Integer.toString(i * 7919, 36)).append(' ');
        }
        Post post = posts().create(NewPost.of(author.id(), null, "Distinct words", words.toString(), true, List.of()));
        long vectorBytes = db.jdbi().withHandle(h -> h.createQuery("SELECT pg_column_size(search) FROM post_search WHERE post_id = :id")
                .bind("id", post.id()).mapTo(Long.class).one());
        assertThat(vectorBytes).as("a vector larger than TOAST's default threshold (2 KB a row)").isGreaterThan(1_500);
        assertThat(toastRows(toast)).isZero();

        posts().create(NewPost.of(author.id(), null, "Huge", words.toString().repeat(60), true, List.of()));
        assertThat(toastRows(toast)).as("a post larger than a page still goes out of line").isPositive();
    }

    private long toastRows(String toastTable) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + toastTable).mapTo(Long.class).one());
    }

    @Test
    void createStoresThePostWithAuthorCategoryAndTags() {
        Post post = create("Hello", true, List.of("jdbi", "Java"));
        assertThat(post.title()).isEqualTo("Hello");
        assertThat(post.content()).isEqualTo("content of Hello");
        assertThat(post.author()).isEqualTo(new Post.Author(author.id(), "writer"));
        assertThat(post.category()).isEqualTo(new Post.CategoryRef(java.id(), "Java"));
        assertThat(post.tags()).containsExactly("Java", "jdbi");
        assertThat(post.version()).isEqualTo(1);
        assertThat(post.published()).isTrue();
        assertThat(post.publishedAt()).isNotNull();
        assertThat(posts().findById(post.id())).contains(post);
    }

    /**
     * A post is created in one statement, whose parts share one snapshot. Here its new tag is
     * being inserted by another writer: the statement waits for that writer, which then commits,
     * so the tag is neither inserted by the statement (a conflict) nor in its snapshot. The post
     * must not be stored without it: the statement stores nothing and runs again, and the new
     * snapshot sees the tag.
     */
    @Test
    void createWaitingForAConcurrentWriterOfItsNewTagLinksThatTag() throws Exception {
        try (Handle other = db.jdbi().open()) {
            other.begin();
            other.execute("INSERT INTO tags (name) VALUES ('late')");
            CompletableFuture<Post> created = CompletableFuture.supplyAsync(() -> create("Racing", true, List.of("early", "Late")));
            awaitAStatementWaitingForALock();
            other.commit();
            Post post = created.get(30, TimeUnit.SECONDS);
            assertThat(post.tags()).containsExactly("early", "late");
            assertThat(posts().findById(post.id()).orElseThrow().tags()).containsExactly("early", "late");
            assertThat(count("posts")).isEqualTo(1);
        }
    }

    private void awaitAStatementWaitingForALock() throws Exception {
        Poll.until(Duration.ofSeconds(30), "a statement waits for the other writer's lock", () -> db.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
                .mapTo(Long.class).one()) > 0);
    }

    @Test
    void unpublishedPostHasNoPublicationTime() {
        Post draft = create("Draft", false, List.of());
        assertThat(draft.published()).isFalse();
        assertThat(draft.publishedAt()).isNull();
    }

    @Test
    void tagsAreSharedAndMatchedRegardlessOfCase() {
        create("One", true, List.of("SQL"));
        Post two = create("Two", true, List.of("sql", "new"));
        assertThat(two.tags()).containsExactly("new", "SQL");
        assertThat(db.dao(TagDao.class).count()).isEqualTo(2);
    }

    @Test
    void createWithUnknownCategoryIsInvalidAndStoresNothing() {
        assertThatThrownBy(() -> posts().create(NewPost.of(author.id(), 4242L, "t", "c", true, List.of("orphan"))))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).containsExactly(new FieldError("category_id", "does not exist")));
        assertThat(count("posts")).isZero();
        assertThat(count("tags")).isZero();
    }

    @Test
    void createWithUnknownAuthorIsInvalid() {
        assertThatThrownBy(() -> posts().create(NewPost.of(999_999, null, "t", "c", false, null)))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("author_id"));
    }

    @Test
    void databaseRejectsTitleBypassingTheDomainRules() {
        NewPost tooLong = new NewPost(author.id(), null, "t".repeat(201), "c", false, List.of(), null);
        assertThatThrownBy(() -> posts().create(tooLong))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("title"));
    }

    @Test
    void updateChangesGivenFieldsAndBumpsVersion() {
        Post post = create("Before", false, List.of("a", "b"));
        Post after = posts().update(post.id(), PostChanges.of("After", null, true, null, true, List.of("b", "c")), null);
        assertThat(after.title()).isEqualTo("After");
        assertThat(after.content()).isEqualTo(post.content());
        assertThat(after.category()).isNull();
        assertThat(after.published()).isTrue();
        assertThat(after.publishedAt()).isNotNull();
        assertThat(after.tags()).containsExactly("b", "c");
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.updatedAt()).isAfterOrEqualTo(post.updatedAt());
    }

    @Test
    void updateWithoutTagsKeepsThem() {
        Post post = create("Keep", true, List.of("x"));
        assertThat(posts().update(post.id(), PostChanges.of(null, "new body", false, null, null, null), null).tags())
                .containsExactly("x");
    }

    @Test
    void unpublishingClearsPublicationTimeAndRepublishingSetsIt() {
        Post post = create("Toggle", true, List.of());
        Post draft = posts().update(post.id(), PostChanges.of(null, null, false, null, false, null), null);
        assertThat(draft.publishedAt()).isNull();
        Post again = posts().update(post.id(), PostChanges.of(null, null, false, null, true, null), null);
        assertThat(again.publishedAt()).isNotNull();
    }

    @Test
    void updateWithCurrentVersionSucceeds() {
        Post post = create("V", true, List.of());
        assertThat(posts().update(post.id(), PostChanges.of("V2", null, false, null, null, null), 1L).version()).isEqualTo(2);
    }

    @Test
    void updateWithStaleVersionIsRefusedAndChangesNothing() {
        Post post = create("V", true, List.of("keep"));
        posts().update(post.id(), PostChanges.of("V2", null, false, null, null, null), null);
        assertThatThrownBy(() -> posts().update(post.id(), PostChanges.of("V3", null, false, null, null, List.of()), 1L))
                .isInstanceOfSatisfying(StaleVersionException.class, e -> assertThat(e.currentVersion()).isEqualTo(2));
        Post now = posts().findById(post.id()).orElseThrow();
        assertThat(now.title()).isEqualTo("V2");
        assertThat(now.tags()).containsExactly("keep");
    }

    @Test
    void updateOfMissingPostIsNotFound() {
        assertThatThrownBy(() -> posts().update(777, PostChanges.of("x", null, false, null, null, null), null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> posts().update(777, PostChanges.of("x", null, false, null, null, null), 3L))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void updateToUnknownCategoryIsInvalid() {
        Post post = create("C", true, List.of());
        assertThatThrownBy(() -> posts().update(post.id(), PostChanges.of(null, null, true, 5555L, null, null), null))
                .isInstanceOf(InvalidException.class);
    }

    @Test
    void concurrentUpdatesWithTheSameVersionLetExactlyOneWin() throws Exception {
        for (int round = 0; round < 10; round++) {
            Post post = create("race" + round, true, List.of());
            List<Object> outcomes = Race.transactions(db.jdbi(), List.of(
                    h -> h.attach(PostDao.class).update(post.id(), PostChanges.of("winner0", null, false, null, null, null), 1L),
                    h -> h.attach(PostDao.class).update(post.id(), PostChanges.of("winner1", null, false, null, null, null), 1L)));
            assertThat(outcomes).filteredOn(Post.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(StaleVersionException.class::isInstance).hasSize(1);
            assertThat(posts().findById(post.id()).orElseThrow().version()).isEqualTo(2);
        }
    }

    @Test
    void deleteRemovesPostAndTagLinksButKeepsTags() {
        Post post = create("Gone", true, List.of("stays"));
        assertThat(posts().delete(post.id())).isTrue();
        assertThat(posts().findById(post.id())).isEmpty();
        assertThat(count("post_tags")).isZero();
        assertThat(db.dao(TagsByName.class).findByName("stays")).isPresent();
        assertThat(posts().delete(post.id())).isFalse();
    }

    @Test
    void authorWithPostsCannotBeDeleted() {
        create("Mine", true, List.of());
        assertThatThrownBy(() -> db.dao(UserDao.class).delete(author.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("still has posts");
        assertThat(db.dao(UserDao.class).findById(author.id())).isPresent();
    }

    @Test
    void postsPerCategoryCountsPublishedPostsAndAveragesLength() {
        Category empty = db.dao(CategoryDao.class).insert(NewCategory.of("Empty", null, null, null));
        posts().create(NewPost.of(author.id(), java.id(), "a", "1234", true, null));
        posts().create(NewPost.of(author.id(), java.id(), "b", "123456789", true, null));
        posts().create(NewPost.of(author.id(), java.id(), "draft", "ignored because unpublished", false, null));
        assertThat(posts().postsPerCategory()).containsExactly(
                new CategoryPostStats(java.id(), "Java", 2, 6.5),
                new CategoryPostStats(empty.id(), "Empty", 0, 0.0));
    }

    private long count(String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }
}
