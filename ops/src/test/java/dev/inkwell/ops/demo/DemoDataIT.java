package dev.inkwell.ops.demo;

import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Role;
import dev.inkwell.ops.demo.DemoData.Seeded;
import dev.inkwell.ops.demo.DemoData.Size;
import dev.inkwell.persistence.post.PostDao;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.testing.Race;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoDataIT {
    private static final Size SMALL = new Size(20, 5, 30, 400);
    private static final long POSTS = SMALL.posts();

    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private DemoData demo() {
        return new DemoData(db.jdbi(), 150, true); // three slices
    }

    /** The seed as it would be without assembled vectors: the insert trigger computes them from the text. */
    private DemoData demoWithTheTriggersVectors() {
        return new DemoData(db.jdbi(), 150, false);
    }

    private long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private String text(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    private String digest() {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT md5(string_agg(concat_ws('|', p.id, p.author_id, p.category_id, p.title, p.content, p.published,
                                                 p.created_at, (SELECT string_agg(tag_id::text, ',' ORDER BY tag_id)
                                                                  FROM post_tags WHERE post_id = p.id)), ';' ORDER BY p.id))
                  FROM posts p
                """).mapTo(String.class).one());
    }

    @Test
    void seedsTheRequestedNumbersWithTheDataSetsShape() throws Exception {
        Seeded seeded = demo().seedIfEmpty(SMALL);

        assertThat(seeded).isNotNull();
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(20);
        assertThat(count("SELECT count(*) FROM categories")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM tags")).isEqualTo(30);
        assertThat(count("SELECT count(*) FROM posts")).isEqualTo(POSTS);
        long postTags = count("SELECT count(*) FROM post_tags");
        assertThat(seeded.postTags()).isEqualTo(postTags);
        assertThat(postTags).isBetween(POSTS * 2, POSTS * 4); // about 3 per post
        assertThat(count("SELECT count(*) FROM posts WHERE published")).isBetween(POSTS * 75 / 100, POSTS * 85 / 100); // about 80%
        assertThat(count("SELECT min(length(content)) FROM posts")).isGreaterThan(900);
        assertThat(count("SELECT count(*) FROM posts WHERE category_id = 1"))
                .isGreaterThan(count("SELECT count(*) FROM posts WHERE category_id = 5")); // Zipf
        assertThat(count("SELECT count(*) FROM posts WHERE published <> (published_at IS NOT NULL)")).isZero();
        // Each post's slug is its title's words and its id, as a post written without one gets it (migration 015).
        assertThat(count("SELECT count(*) FROM posts WHERE slug <> post_slug_words(title) || '-' || id")).isZero();
    }

    @Test
    void aScaledSizeMultipliesUsersAndPostsAndKeepsCategoriesAndTags() throws Exception {
        Seeded seeded = demo().seedIfEmpty(SMALL.scaled(3));

        assertThat(seeded.size()).isEqualTo(new Size(60, 5, 30, 1200));
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(60);
        assertThat(count("SELECT count(*) FROM categories")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM tags")).isEqualTo(30);
        assertThat(count("SELECT count(*) FROM posts")).isEqualTo(1200);
        assertThat(count("SELECT count(DISTINCT author_id) FROM posts")).isGreaterThan(50); // authors from all 60
    }

    @Test
    void scalesOutsideOneToTwentyAreRefused() {
        assertThatThrownBy(() -> Size.STANDARD.scaled(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the scale must be an integer from 1 to 20, not 0");
        assertThatThrownBy(() -> Size.STANDARD.scaled(21)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Size.STANDARD.scaled(10)).isEqualTo(new Size(100_000, 50, 500, 2_000_000));
    }

    @Test
    void moreThan99999UsersKeepDistinctNames() throws Exception {
        demo().seedIfEmpty(new Size(100_001, 1, 1, 0));

        assertThat(count("SELECT count(DISTINCT username) FROM users")).isEqualTo(100_001);
        assertThat(count("SELECT count(*) FROM users WHERE username IN ('user00001', 'user99999', 'user100000', 'user100001')"))
                .isEqualTo(4);
    }

    @Test
    void sameSizesGiveTheSameRows() throws Exception {
        demo().seedIfEmpty(SMALL);
        String first = digest();
        db.jdbi().useHandle(h -> h.execute("TRUNCATE post_tags, posts, tags, categories, users RESTART IDENTITY CASCADE"));

        demo().seedIfEmpty(SMALL);

        assertThat(digest()).isEqualTo(first);
    }

    /**
     * The benchmark compares runs on the data set the seed generates: a change of any generated value
     * (a word, a tag, an author, a timestamp) changes these digests, and must be a deliberate one.
     */
    @Test
    void theGeneratedRowsAreTheOnesTheBenchmarkHasAlwaysMeasured() throws Exception {
        demo().seedIfEmpty(SMALL);

        assertThat(text("""
                SELECT md5(string_agg(concat_ws('|', p.id, p.author_id, p.category_id, p.title, p.content, p.published,
                                                 extract(epoch FROM p.created_at), extract(epoch FROM p.published_at),
                                                 (SELECT string_agg(tag_id::text, ',' ORDER BY tag_id)
                                                    FROM post_tags WHERE post_id = p.id)), ';' ORDER BY p.id))
                  FROM posts p
                """)).isEqualTo("11a202e2249e15d02b8a6154df12b08d");
        assertThat(text("""
                SELECT md5(string_agg(concat_ws('|', id, username, email, is_active, extract(epoch FROM created_at)), ';'
                                      ORDER BY id))
                  FROM users
                """)).isEqualTo("5db636f2180fa1a85505e110729c5242");
        assertThat(count("SELECT count(*) FROM post_tags")).isEqualTo(1_099);
    }

    /**
     * What the triggers on posts keep (search vectors, category counts) is there for every seeded post, and right:
     * the seeder's own vectors are those the insert trigger computes, to_tsvector over the title and the content.
     */
    @Test
    void theSearchVectorsAndCategoryCountsAreThoseOfThePosts() throws Exception {
        demo().seedIfEmpty(SMALL);

        assertThat(count("SELECT count(*) FROM post_search")).isEqualTo(POSTS);
        assertThat(count("""
                SELECT count(*) FROM posts p JOIN post_search s ON s.post_id = p.id
                 WHERE s.search <> setweight(to_tsvector('english'::regconfig, p.title), 'A')
                                || setweight(to_tsvector('english'::regconfig, p.content), 'B')
                    OR s.search::text <> (setweight(to_tsvector('english'::regconfig, p.title), 'A')
                                         || setweight(to_tsvector('english'::regconfig, p.content), 'B'))::text
                    OR s.published <> p.published OR s.author_id <> p.author_id
                """)).isZero();
        assertThat(text("""
                SELECT string_agg(concat_ws(':', category_id, posts, length), ',' ORDER BY category_id)
                  FROM (SELECT category_id, sum(post_count) AS posts, sum(content_length) AS length
                          FROM category_post_stats GROUP BY category_id HAVING sum(post_count) <> 0) s
                """)).isEqualTo(text("""
                SELECT string_agg(concat_ws(':', category_id, posts, length), ',' ORDER BY category_id)
                  FROM (SELECT category_id, count(*) AS posts, sum(length(content)) AS length
                          FROM posts WHERE published AND category_id IS NOT NULL GROUP BY category_id) p
                """));
    }

    private String searchDigest() {
        return text("""
                SELECT md5(string_agg(concat_ws('|', post_id, published, author_id, search::text), ';' ORDER BY post_id))
                  FROM post_search
                """);
    }

    @Test
    void theSeedersSearchRowsAreTheOnesTheInsertTriggerMakes() throws Exception {
        demo().seedIfEmpty(SMALL);
        String assembled = searchDigest();
        String posts = digest();
        db.jdbi().useHandle(h -> h.execute("TRUNCATE post_tags, posts, tags, categories, users RESTART IDENTITY CASCADE"));

        demoWithTheTriggersVectors().seedIfEmpty(SMALL);

        assertThat(digest()).isEqualTo(posts);
        assertThat(searchDigest()).isEqualTo(assembled);
    }

    /** The search index's own options (changesets 022 and 023: the pending list limit), as the seed must leave them. */
    private static final String SEARCH_INDEX_OPTIONS = "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'post_search_search_idx'";

    /**
     * The seed switches the insert trigger off, and raises the search index's pending list limit,
     * in its own transactions only: afterwards the trigger is on and the limit changeset 023 set, for everyone.
     */
    @Test
    void theInsertTriggerComputesVectorsAgainAfterASeed() throws Exception {
        String options = text(SEARCH_INDEX_OPTIONS);
        Seeded seeded = demo().seedIfEmpty(SMALL);

        assertThat(text("SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'posts_search_insert'")).isEqualTo("O");
        assertThat(options).isEqualTo("gin_pending_list_limit=512");
        assertThat(text(SEARCH_INDEX_OPTIONS)).isEqualTo(options);
        db.database().execute("INSERT INTO posts (author_id, title, content) VALUES (" + seeded.firstUserId() + ", 'Late', 'running cats')");
        assertThat(text("""
                SELECT s.search::text FROM post_search s JOIN posts p ON p.id = s.post_id WHERE p.title = 'Late'
                """)).isEqualTo("'cat':3B 'late':1A 'run':2B");
    }

    /** An index without a limit of its own (a database whose operator reset it) is left without one. */
    @Test
    void aSearchIndexWithoutItsOwnLimitIsLeftWithout() throws Exception {
        db.database().execute("ALTER INDEX post_search_search_idx RESET (gin_pending_list_limit)");

        demo().seedIfEmpty(SMALL);

        assertThat(text(SEARCH_INDEX_OPTIONS)).isNull();
    }

    /** A stage that fails on its last slice (posts, search rows or tags) undoes the whole seed, and leaves the trigger on. */
    @ParameterizedTest
    @ValueSource(strings = {"posts CHECK (id <= 300)", "post_search CHECK (post_id <= 300)", "post_tags CHECK (post_id <= 300)"})
    void aFailureInAnyStageLeavesNothing(String constraint) {
        db.database().execute("ALTER TABLE " + constraint.replaceFirst(" ", " ADD CONSTRAINT demo_fails "));

        assertThatThrownBy(() -> demo().seedIfEmpty(SMALL)).isInstanceOf(RuntimeException.class);

        assertThat(count("""
                SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM categories) + (SELECT count(*) FROM tags)
                     + (SELECT count(*) FROM posts) + (SELECT count(*) FROM post_search) + (SELECT count(*) FROM post_tags)
                     + (SELECT coalesce(sum(post_count), 0) FROM category_post_stats)
                """)).isZero();
        assertThat(text("SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'posts_search_insert'")).isEqualTo("O");
        assertThat(text(SEARCH_INDEX_OPTIONS)).isEqualTo("gin_pending_list_limit=512");
    }

    @Test
    void leavesADatabaseWithPostsAlone() throws Exception {
        demo().seedIfEmpty(SMALL);

        assertThat(demo().seedIfEmpty(SMALL)).isNull();

        assertThat(count("SELECT count(*) FROM posts")).isEqualTo(POSTS);
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(20);
    }

    @Test
    void goesOnAfterExistingRowsAndTheAppInsertsAfterIt() throws Exception {
        long admin = db.dao(UserDao.class).insert(NewUser.of("root", "root@example.com", null, Role.ADMIN)).id();

        Seeded seeded = demo().seedIfEmpty(SMALL);

        assertThat(seeded.firstUserId()).isEqualTo(admin + 1);
        assertThat(count("SELECT count(*) FROM posts WHERE author_id = " + admin)).isZero();
        long next = db.dao(UserDao.class).insert(NewUser.of("late", "late@example.com", null, Role.USER)).id();
        assertThat(next).isEqualTo(admin + 21);

        assertThat(db.dao(PostDao.class).findById(seeded.firstPostId())).isPresent();
    }

    @Test
    void aClashWithExistingRowsChangesNothing() {
        db.dao(UserDao.class).insert(NewUser.of("user00003", "someone@example.com", null, Role.USER));

        assertThatThrownBy(() -> demo().seedIfEmpty(SMALL)).isInstanceOf(RuntimeException.class);

        assertThat(count("SELECT count(*) FROM users")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM tags") + count("SELECT count(*) FROM categories")
                + count("SELECT count(*) FROM posts")).isZero();
    }

    @Test
    void twoSeedersAtOnceSeedOnce() throws Exception {
        List<Callable<Seeded>> seeders = List.of(() -> demo().seedIfEmpty(SMALL), () -> demo().seedIfEmpty(SMALL));
        List<Seeded> results = Race.together(seeders);

        assertThat(results).filteredOn(r -> r != null).hasSize(1);
        assertThat(count("SELECT count(*) FROM posts")).isEqualTo(POSTS);
    }
}
