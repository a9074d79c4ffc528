package dev.inkwell.ops;

import dev.inkwell.persistence.testing.TestDatabase;

/** Many posts in a few statements, for tests of bulk work: a "target" category and an "other" one. */
final class PostFixture {
    private PostFixture() {
    }

    /** {@code targeted} drafts in category "target" and {@code others} in "other", by {@code username}; returns the target's id. */
    static long draftsInTwoCategories(TestDatabase db, String username, int targeted, int others) {
        db.execute("INSERT INTO categories (name, slug) VALUES ('Target', 'target'), ('Other', 'other')");
        db.execute("""
                INSERT INTO posts (author_id, category_id, title, content, published)
                SELECT (SELECT id FROM users WHERE username = '%s'),
                       (SELECT id FROM categories WHERE slug = CASE WHEN g <= %d THEN 'target' ELSE 'other' END),
                       'post ' || g, repeat('words ', 50), false
                  FROM generate_series(1, %d) g
                """.formatted(username.replace("'", "''"), targeted, targeted + others));
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM categories WHERE slug = 'target'").mapTo(Long.class).one());
    }
}
