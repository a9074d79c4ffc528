package dev.inkwell.ops.demo;

import dev.inkwell.ops.demo.DemoData.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.inkwell.ops.demo.DemoDataFixture.POSTS;
import static dev.inkwell.ops.demo.DemoDataFixture.SEARCH_INDEX_OPTIONS;
import static dev.inkwell.ops.demo.DemoDataFixture.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a seed leaves for search and the category counts: the search rows and counts of its posts,
 * the rows the insert trigger would have made, and afterwards the trigger on and the search index's
 * pending list limit as they were.
 */
class DemoDataSearchIT {
    @RegisterExtension
    final DemoDataFixture db = new DemoDataFixture();

    /** The seed as it would be without assembled vectors: the insert trigger computes them from the text. */
    private DemoData demoWithTheTriggersVectors() {
        return new DemoData(db.jdbi(), 150, false);
    }

    private String searchDigest() {
        return db.text("""
                SELECT md5(string_agg(concat_ws('|', post_id, published, author_id, search::text), ';' ORDER BY post_id))
                  FROM post_search
                """);
    }

    /**
     * What the triggers on posts keep (search vectors, category counts) is there for every seeded post, and right:
     * the seeder's own vectors are those the insert trigger computes, to_tsvector over the title and the content.
     */
    @Test
    void theSearchVectorsAndCategoryCountsAreThoseOfThePosts() throws Exception {
        db.demo().seedIfEmpty(SMALL);

        assertThat(db.count("SELECT count(*) FROM post_search")).isEqualTo(POSTS);
        assertThat(db.count("""
                SELECT count(*) FROM posts p JOIN post_search s ON s.post_id = p.id
                 WHERE s.search <> setweight(to_tsvector('english'::regconfig, p.title), 'A')
                                || setweight(to_tsvector('english'::regconfig, p.content), 'B')
                    OR s.search::text <> (setweight(to_tsvector('english'::regconfig, p.title), 'A')
                                         || setweight(to_tsvector('english'::regconfig, p.content), 'B'))::text
                    OR s.published <> p.published OR s.author_id <> p.author_id
                """)).isZero();
        assertThat(db.text("""
                SELECT string_agg(concat_ws(':', category_id, posts, length), ',' ORDER BY category_id)
                  FROM (SELECT category_id, sum(post_count) AS posts, sum(content_length) AS length
                          FROM category_post_stats GROUP BY category_id HAVING sum(post_count) <> 0) s
                """)).isEqualTo(db.text("""
                SELECT string_agg(concat_ws(':', category_id, posts, length), ',' ORDER BY category_id)
                  FROM (SELECT category_id, count(*) AS posts, sum(length(content)) AS length
                          FROM posts WHERE published AND category_id IS NOT NULL GROUP BY category_id) p
                """));
    }

    @Test
    void theSeedersSearchRowsAreTheOnesTheInsertTriggerMakes() throws Exception {
        db.demo().seedIfEmpty(SMALL);
        String assembled = searchDigest();
        String posts = db.digest();
        db.jdbi().useHandle(h -> h.execute("TRUNCATE post_tags, posts, tags, categories, users RESTART IDENTITY CASCADE"));

        demoWithTheTriggersVectors().seedIfEmpty(SMALL);

        assertThat(db.digest()).isEqualTo(posts);
        assertThat(searchDigest()).isEqualTo(assembled);
    }

    /**
     * The seed writes the search rows itself, with the insert trigger off: here the trigger's function
     * fails if it runs, and the seed still writes every post's search row (the rows' values are
     * checked above). The seed that leaves the vectors to the trigger fails on it.
     */
    @Test
    void theSeedWritesTheSearchRowsItselfAndNeverRunsTheInsertTrigger() throws Exception {
        db.database().execute("""
                CREATE OR REPLACE FUNCTION post_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the insert trigger ran';
                END $$""");

        db.demo().seedIfEmpty(SMALL);

        assertThat(db.count("SELECT count(*) FROM post_search")).isEqualTo(POSTS);
        db.jdbi().useHandle(h -> h.execute("TRUNCATE post_tags, posts, tags, categories, users RESTART IDENTITY CASCADE"));
        assertThatThrownBy(() -> demoWithTheTriggersVectors().seedIfEmpty(SMALL)).as("a seed through the trigger")
                .hasStackTraceContaining("the insert trigger ran");
    }

    /**
     * The seed switches the insert trigger off, and raises the search index's pending list limit,
     * in its own transactions only: afterwards the trigger is on and the limit changeset 023 set, for everyone.
     */
    @Test
    void theInsertTriggerComputesVectorsAgainAfterASeed() throws Exception {
        String options = db.text(SEARCH_INDEX_OPTIONS);
        Seeded seeded = db.demo().seedIfEmpty(SMALL);

        assertThat(db.text("SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'posts_search_insert'")).isEqualTo("O");
        assertThat(options).isEqualTo("gin_pending_list_limit=512");
        assertThat(db.text(SEARCH_INDEX_OPTIONS)).isEqualTo(options);
        db.database().execute("INSERT INTO posts (author_id, title, content) VALUES (" + seeded.firstUserId() + ", 'Late', 'running cats')");
        assertThat(db.text("""
                SELECT s.search::text FROM post_search s JOIN posts p ON p.id = s.post_id WHERE p.title = 'Late'
                """)).isEqualTo("'cat':3B 'late':1A 'run':2B");
    }

    /** An index without a limit of its own (a database whose operator reset it) is left without one. */
    @Test
    void aSearchIndexWithoutItsOwnLimitIsLeftWithout() throws Exception {
        db.database().execute("ALTER INDEX post_search_search_idx RESET (gin_pending_list_limit)");

        db.demo().seedIfEmpty(SMALL);

        assertThat(db.text(SEARCH_INDEX_OPTIONS)).isNull();
    }
}
