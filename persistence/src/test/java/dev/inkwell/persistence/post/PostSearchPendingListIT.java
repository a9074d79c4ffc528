package dev.inkwell.persistence.post;

import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changesets 022 and 023: the search index's pending list (the lexemes of new and edited posts not
 * yet merged into the index's trees, which every search reads whole) stays within 512 kB however many
 * posts are written one by one, and what was merged from it is still found. With PostgreSQL's
 * default limit (4 MB) all the posts written here stay pending: 150 pages.
 */
class PostSearchPendingListIT {
    /** 512 kB in pages of 8 kB. */
    private static final int MOST_PAGES = 64;
    private static final int POSTS = 150;

    private TestDatabase db;

    @BeforeEach
    void database() {
        db = TestPostgres.get().newDatabase();
        db.execute("""
                CREATE EXTENSION IF NOT EXISTS pgstattuple;
                INSERT INTO users (username, email) VALUES ('ann', 'ann@example.com');
                """);
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private static int pendingPages(Handle h) {
        return h.createQuery("SELECT pending_pages FROM pgstatginindex('post_search_search_idx')").mapTo(Integer.class).one();
    }

    @Test
    void postsWrittenOneByOneLeaveAtMost512KilobytesPendingAndAreAllFound() {
        db.jdbi().useHandle(h -> {
            int most = 0;
            int merges = 0;
            int before = 0;
            for (int post = 1; post <= POSTS; post++) {
                // A title of its own word and a content of 100 words no other post has: about 100 new entries a post.
                h.createUpdate("""
                        INSERT INTO posts (author_id, title, content)
                        SELECT 1, 'post' || :post, string_agg('w' || md5(:post || '-' || i), ' ')
                          FROM generate_series(1, 100) i
                        """).bind("post", post).execute();
                int pending = pendingPages(h);
                most = Math.max(most, pending);
                merges += pending < before ? 1 : 0;
                before = pending;
            }
            assertThat(most).as("the most pages pending after a post").isBetween(1, MOST_PAGES);
            assertThat(merges).as("merges of the pending list into the trees (a page or more a post)").isPositive();
            for (int post : new int[] {1, POSTS / 2, POSTS}) {
                String word = h.createQuery("SELECT 'w' || md5(:post || '-' || 7)").bind("post", post).mapTo(String.class).one();
                assertThat(h.createQuery("""
                        SELECT p.title FROM post_search s JOIN posts p ON p.id = s.post_id
                         WHERE s.search @@ websearch_to_tsquery('english', :word)
                        """).bind("word", word).mapTo(String.class).list())
                        .as("the posts with %s", word).containsExactly("post" + post);
            }
        });
    }
}
