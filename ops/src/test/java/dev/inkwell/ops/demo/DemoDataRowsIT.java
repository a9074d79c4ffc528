package dev.inkwell.ops.demo;

import dev.inkwell.ops.demo.DemoData.Seeded;
import dev.inkwell.ops.demo.DemoData.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.inkwell.ops.demo.DemoDataFixture.POSTS;
import static dev.inkwell.ops.demo.DemoDataFixture.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rows a seed makes: as many as its size asks, scaled from 1 to 20, in the data set's shape,
 * the same for the same size, and pinned to the ones the benchmark has always measured.
 */
class DemoDataRowsIT {
    @RegisterExtension
    final DemoDataFixture db = new DemoDataFixture();

    @Test
    void seedsTheRequestedNumbersWithTheDataSetsShape() throws Exception {
        Seeded seeded = db.demo().seedIfEmpty(SMALL);

        assertThat(seeded).isNotNull();
        assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(20);
        assertThat(db.count("SELECT count(*) FROM categories")).isEqualTo(5);
        assertThat(db.count("SELECT count(*) FROM tags")).isEqualTo(30);
        assertThat(db.count("SELECT count(*) FROM posts")).isEqualTo(POSTS);
        long postTags = db.count("SELECT count(*) FROM post_tags");
        assertThat(seeded.postTags()).isEqualTo(postTags);
        assertThat(postTags).isBetween(POSTS * 2, POSTS * 4); // about 3 per post
        assertThat(db.count("SELECT count(*) FROM posts WHERE published")).isBetween(POSTS * 75 / 100, POSTS * 85 / 100); // about 80%
        assertThat(db.count("SELECT min(length(content)) FROM posts")).isGreaterThan(900);
        assertThat(db.count("SELECT count(*) FROM posts WHERE category_id = 1"))
                .isGreaterThan(db.count("SELECT count(*) FROM posts WHERE category_id = 5")); // Zipf
        assertThat(db.count("SELECT count(*) FROM posts WHERE published <> (published_at IS NOT NULL)")).isZero();
        // Each post's slug is its title's words and its id, as a post written without one gets it (migration 015).
        assertThat(db.count("SELECT count(*) FROM posts WHERE slug <> post_slug_words(title) || '-' || id")).isZero();
    }

    @Test
    void aScaledSizeMultipliesUsersAndPostsAndKeepsCategoriesAndTags() throws Exception {
        Seeded seeded = db.demo().seedIfEmpty(SMALL.scaled(3));

        assertThat(seeded.size()).isEqualTo(new Size(60, 5, 30, 1200));
        assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(60);
        assertThat(db.count("SELECT count(*) FROM categories")).isEqualTo(5);
        assertThat(db.count("SELECT count(*) FROM tags")).isEqualTo(30);
        assertThat(db.count("SELECT count(*) FROM posts")).isEqualTo(1200);
        assertThat(db.count("SELECT count(DISTINCT author_id) FROM posts")).isGreaterThan(50); // authors from all 60
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
        db.demo().seedIfEmpty(new Size(100_001, 1, 1, 0));

        assertThat(db.count("SELECT count(DISTINCT username) FROM users")).isEqualTo(100_001);
        assertThat(db.count("SELECT count(*) FROM users WHERE username IN ('user00001', 'user99999', 'user100000', 'user100001')"))
                .isEqualTo(4);
    }

    @Test
    void sameSizesGiveTheSameRows() throws Exception {
        db.demo().seedIfEmpty(SMALL);
        String first = db.digest();
        db.jdbi().useHandle(h -> h.execute("TRUNCATE post_tags, posts, tags, categories, users RESTART IDENTITY CASCADE"));

        db.demo().seedIfEmpty(SMALL);

        assertThat(db.digest()).isEqualTo(first);
    }

    /**
     * The benchmark compares runs on the data set the seed generates: a change of any generated value
     * (a word, a tag, an author, a timestamp) changes these digests, and must be a deliberate one.
     */
    @Test
    void theGeneratedRowsAreTheOnesTheBenchmarkHasAlwaysMeasured() throws Exception {
        db.demo().seedIfEmpty(SMALL);

        assertThat(db.text("""
                SELECT md5(string_agg(concat_ws('|', p.id, p.author_id, p.category_id, p.title, p.content, p.published,
                                                 extract(epoch FROM p.created_at), extract(epoch FROM p.published_at),
                                                 (SELECT string_agg(tag_id::text, ',' ORDER BY tag_id)
                                                    FROM post_tags WHERE post_id = p.id)), ';' ORDER BY p.id))
                  FROM posts p
                """)).isEqualTo("11a202e2249e15d02b8a6154df12b08d");
        assertThat(db.text("""
                SELECT md5(string_agg(concat_ws('|', id, username, email, is_active, extract(epoch FROM created_at)), ';'
                                      ORDER BY id))
                  FROM users
                """)).isEqualTo("5db636f2180fa1a85505e110729c5242");
        assertThat(db.text("""
                SELECT md5((SELECT string_agg(concat_ws('|', id, name, slug, description, parent_id), ';' ORDER BY id) FROM categories)
                           || (SELECT string_agg(concat_ws('|', id, name), ';' ORDER BY id) FROM tags))
                """)).isEqualTo("df8aa417d67d1526cb7cbb662c2eccfb");
        assertThat(db.count("SELECT count(*) FROM post_tags")).isEqualTo(1_099);
    }
}
