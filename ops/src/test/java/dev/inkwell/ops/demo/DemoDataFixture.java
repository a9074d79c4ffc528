package dev.inkwell.ops.demo;

import dev.inkwell.ops.demo.DemoData.Size;
import dev.inkwell.persistence.testing.PostgresExtension;

/**
 * What the tests of the demo data's seed ({@link DemoDataRowsIT}, {@link DemoDataSearchIT},
 * {@link DemoDataSeedIfEmptyIT}) share: a freshly migrated database of the test's own (the
 * {@link PostgresExtension} it extends), the small size they seed, the seed in three slices, one
 * value read back by SQL, and a digest of the posts. Each test gets its own, and the database is
 * gone after it: {@code @RegisterExtension final DemoDataFixture db = new DemoDataFixture();}
 */
final class DemoDataFixture extends PostgresExtension {
    static final Size SMALL = new Size(20, 5, 30, 400);
    static final long POSTS = SMALL.posts();

    /** The search index's own options (changesets 022 and 023: the pending list limit), as the seed must leave them. */
    static final String SEARCH_INDEX_OPTIONS = "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'post_search_search_idx'";

    DemoData demo() {
        return new DemoData(jdbi(), 150, true); // three slices
    }

    long count(String sql) {
        return jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    String text(String sql) {
        return jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    String digest() {
        return jdbi().withHandle(h -> h.createQuery("""
                SELECT md5(string_agg(concat_ws('|', p.id, p.author_id, p.category_id, p.title, p.content, p.published,
                                                 p.created_at, (SELECT string_agg(tag_id::text, ',' ORDER BY tag_id)
                                                                  FROM post_tags WHERE post_id = p.id)), ';' ORDER BY p.id))
                  FROM posts p
                """).mapTo(String.class).one());
    }
}
