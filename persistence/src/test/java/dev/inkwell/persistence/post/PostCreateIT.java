package dev.inkwell.persistence.post;

import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.persistence.tag.TagDao;
import dev.inkwell.persistence.testing.Poll;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a create of a post stores ({@link PostDao#create}): the post with its author, category and
 * tags, its publication time only when published, tags shared and matched regardless of case, a new
 * tag linked also when another writer is inserting it at the same time, and the search vector in the
 * post's row; what it refuses: an unknown category (storing nothing), an unknown author, a title
 * that bypassed the domain's rules.
 */
class PostCreateIT {
    @RegisterExtension
    final PostDaoFixture db = new PostDaoFixture();

    @Test
    void createStoresThePostWithAuthorCategoryAndTags() {
        Post post = db.create("Hello", true, List.of("jdbi", "Java"));
        assertThat(post.title()).isEqualTo("Hello");
        assertThat(post.content()).isEqualTo("content of Hello");
        assertThat(post.author()).isEqualTo(new Post.Author(db.author.id(), "writer"));
        assertThat(post.category()).isEqualTo(new Post.CategoryRef(db.java.id(), "Java"));
        assertThat(post.tags()).containsExactly("Java", "jdbi");
        assertThat(post.version()).isEqualTo(1);
        assertThat(post.published()).isTrue();
        assertThat(post.publishedAt()).isNotNull();
        assertThat(db.posts().findById(post.id())).contains(post);
    }

    @Test
    void unpublishedPostHasNoPublicationTime() {
        Post draft = db.create("Draft", false, List.of());
        assertThat(draft.published()).isFalse();
        assertThat(draft.publishedAt()).isNull();
    }

    @Test
    void tagsAreSharedAndMatchedRegardlessOfCase() {
        db.create("One", true, List.of("SQL"));
        Post two = db.create("Two", true, List.of("sql", "new"));
        assertThat(two.tags()).containsExactly("new", "SQL");
        assertThat(db.dao(TagDao.class).count()).isEqualTo(2);
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
            CompletableFuture<Post> created = CompletableFuture.supplyAsync(() -> db.create("Racing", true, List.of("early", "Late")));
            awaitAStatementWaitingForALock();
            other.commit();
            Post post = created.get(30, TimeUnit.SECONDS);
            assertThat(post.tags()).containsExactly("early", "late");
            assertThat(db.posts().findById(post.id()).orElseThrow().tags()).containsExactly("early", "late");
            assertThat(db.count("posts")).isEqualTo(1);
        }
    }

    private void awaitAStatementWaitingForALock() throws Exception {
        Poll.until(Duration.ofSeconds(30), "a statement waits for the other writer's lock", () -> db.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
                .mapTo(Long.class).one()) > 0);
    }

    @Test
    void createWithUnknownCategoryIsInvalidAndStoresNothing() {
        assertThatThrownBy(() -> db.posts().create(NewPost.of(db.author.id(), 4242L, "t", "c", true, List.of("orphan"))))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).containsExactly(new FieldError("category_id", "does not exist")));
        assertThat(db.count("posts")).isZero();
        assertThat(db.count("tags")).isZero();
    }

    @Test
    void createWithUnknownAuthorIsInvalid() {
        assertThatThrownBy(() -> db.posts().create(NewPost.of(999_999, null, "t", "c", false, null)))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("author_id"));
    }

    @Test
    void databaseRejectsTitleBypassingTheDomainRules() {
        NewPost tooLong = new NewPost(db.author.id(), null, "t".repeat(201), "c", false, List.of(), null);
        assertThatThrownBy(() -> db.posts().create(tooLong))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("title"));
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
        Post post = db.posts().create(NewPost.of(db.author.id(), null, "Distinct words", words.toString(), true, List.of()));
        long vectorBytes = db.jdbi().withHandle(h -> h.createQuery("SELECT pg_column_size(search) FROM post_search WHERE post_id = :id")
                .bind("id", post.id()).mapTo(Long.class).one());
        assertThat(vectorBytes).as("a vector larger than TOAST's default threshold (2 KB a row)").isGreaterThan(1_500);
        assertThat(toastRows(toast)).isZero();

        db.posts().create(NewPost.of(db.author.id(), null, "Huge", words.toString().repeat(60), true, List.of()));
        assertThat(toastRows(toast)).as("a post larger than a page still goes out of line").isPositive();
    }

    private long toastRows(String toastTable) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + toastTable).mapTo(Long.class).one());
    }
}
