package dev.inkwell.persistence.demo;

import org.jdbi.v3.sqlobject.SqlObject;
import dev.inkwell.persistence.demo.DemoData.Size;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The SQL of {@link DemoData}: rows generated inside PostgreSQL, every "random" value a hash
 * of the row number ({@code hashint8extended(n, salt)}), ids offset by {@code base}.
 */
public interface DemoDataDao extends SqlObject {

    /** Deletes what a failed seed added (a post's tags go with it); {@code table} is one of ours. */
    @SqlUpdate("DELETE FROM <table> WHERE id BETWEEN :first AND :last")
    void delete(@Define String table, long first, long last);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM posts)")
    boolean hasPosts();

    /** The first id after every row the table has ever had (its identity's next value). */
    default long nextId(String table) {
        return getHandle().createQuery("""
                SELECT greatest(coalesce((SELECT max(id) FROM %1$s), 0),
                                (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END
                                   FROM %2$s)) + 1
                """.formatted(table, sequence(table))).mapTo(Long.class).one();
    }

    /**
     * Moves the table's identity past {@code lastId}, so that the application's own inserts never
     * take an id the seeder is about to use (setval is not undone by a rollback: a failed seed
     * leaves a gap in the ids, nothing else).
     */
    default void reserveIds(String table, long lastId) {
        getHandle().createQuery("SELECT setval('%s', greatest(:lastId, 1))".formatted(sequence(table)))
                .bind("lastId", lastId).mapTo(Long.class).one();
    }

    private String sequence(String table) {
        return getHandle().createQuery("SELECT pg_get_serial_sequence(:table, 'id')")
                .bind("table", table).mapTo(String.class).one();
    }

    /**
     * The session's hash helpers: u01 (uniform in [0, 1)), h (a non-negative 53-bit hash), zipf,
     * syllable. They live in pg_temp, so each connection that generates rows makes its own.
     */
    default void createHelpers() {
        // syllable(d): consonant-vowel pair for d in 0..99; zipf(a, salt, n): rank 1..n, P(k) ~ ln((k+1)/k)
        getHandle().execute("""
                CREATE OR REPLACE FUNCTION pg_temp.syllable(d int) RETURNS text LANGUAGE sql IMMUTABLE
                AS $$ SELECT substr('bcdfghjklmnpqrstvwxz', d / 5 + 1, 1) || substr('aeiou', d % 5 + 1, 1) $$
                """);
        getHandle().execute("""
                CREATE OR REPLACE FUNCTION pg_temp.u01(a bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE
                AS $$ SELECT (hashint8extended(a, salt) & 9007199254740991) / 9007199254740992.0::float8 $$
                """);
        getHandle().execute("""
                CREATE OR REPLACE FUNCTION pg_temp.h(a bigint, salt int) RETURNS bigint LANGUAGE sql IMMUTABLE
                AS $$ SELECT hashint8extended(a, salt) & 9007199254740991 $$
                """);
        getHandle().execute("""
                CREATE OR REPLACE FUNCTION pg_temp.zipf(a bigint, salt int, n int) RETURNS int LANGUAGE sql IMMUTABLE
                AS $$ SELECT least(n, floor(exp(pg_temp.u01(a, salt) * ln(n + 1.0::float8)))::int) $$
                """);
    }

    /**
     * The helpers, and 20,000 distinct six-letter words (three consonant-vowel syllables from the
     * base-100 digits of a bijection of the rank), so a search for one word finds that word only.
     * The table is dropped at commit: each transaction that generates posts makes its own.
     */
    default void createVocabulary() {
        createHelpers();
        getHandle().execute("""
                CREATE TEMPORARY TABLE demo_vocabulary (k int PRIMARY KEY, word text NOT NULL) ON COMMIT DROP
                """);
        getHandle().execute("""
                INSERT INTO demo_vocabulary
                SELECT k, pg_temp.syllable(x % 100) || pg_temp.syllable((x / 100) % 100) || pg_temp.syllable(x / 10000)
                  FROM generate_series(1, 20000) k, LATERAL (SELECT ((k::bigint * 48271) % 1000000)::int AS x) q
                """);
        getHandle().execute("ANALYZE demo_vocabulary");
    }

    /**
     * 95% active, spread over the two years before the anchor. Names are user00001... with at
     * least five digits: lpad alone would cut user100000 to user10000, a duplicate.
     */
    @SqlUpdate("""
            INSERT INTO users (id, username, email, role, is_active, created_at, updated_at)
            SELECT :base + g, 'user' || n, 'user' || n || '@example.com',
                   'user', pg_temp.h(g, 12) % 20 <> 0, t, t
              FROM generate_series(1, :users) g,
                   LATERAL (SELECT lpad(g::text, greatest(5, length(g::text)), '0') AS n) u,
                   LATERAL (SELECT timestamptz '2026-11-01 00:00:00+00' - interval '730 days'
                                   + pg_temp.u01(g, 11) * interval '730 days' AS t) c
            """)
    void insertUsers(@BindMethods Size size, long base);

    @SqlUpdate("""
            INSERT INTO categories (id, name, slug, description)
            SELECT :base + g, 'Category ' || lpad(g::text, 2, '0'), 'category-' || lpad(g::text, 2, '0'),
                   'Demo category number ' || g
              FROM generate_series(1, :categories) g
            """)
    void insertCategories(@BindMethods Size size, long base);

    @SqlUpdate("""
            INSERT INTO tags (id, name)
            SELECT :base + g, 'tag-' || lpad(g::text, 3, '0')
              FROM generate_series(1, :tags) g
            """)
    void insertTags(@BindMethods Size size, long base);

    /**
     * Titles of 8 words, contents of 136 to 156 words (about 1 KB), created in id order over the
     * two years before the anchor, 80% published, authors uniform, categories Zipf.
     */
    @SqlUpdate("""
            INSERT INTO posts (id, author_id, category_id, title, content, published, published_at,
                               created_at, updated_at)
            SELECT :base + p, :userBase + 1 + pg_temp.h(p, 6) % :users, :categoryBase + pg_temp.zipf(p, 7, :categories),
                   (SELECT string_agg(v.word, ' ' ORDER BY j) FROM generate_series(1, 8) j
                      JOIN demo_vocabulary v ON v.k = pg_temp.zipf(p, 1000 + j, 20000)),
                   (SELECT string_agg(v.word, ' ' ORDER BY j) FROM generate_series(1, 136 + (pg_temp.h(p, 3) % 21)::int) j
                      JOIN demo_vocabulary v ON v.k = pg_temp.zipf(p, j, 20000)),
                   published, CASE WHEN published THEN t END, t, t
                FROM generate_series(:fromPost, :toPost) p,
                   LATERAL (SELECT pg_temp.h(p, 5) % 5 <> 0 AS published,
                                   timestamptz '2026-11-01 00:00:00+00' - interval '730 days'
                                   + (p - 1) * (interval '730 days' / greatest(:posts, 1))
                                   + pg_temp.u01(p, 10) * interval '300 seconds' AS t) c
            """)
    void insertPosts(@BindMethods Size size, long base, long userBase, long categoryBase, int fromPost, int toPost);

    /** One to five Zipf draws over the tags per post (about 3), duplicates dropped. */
    @SqlUpdate("""
            INSERT INTO post_tags (post_id, tag_id)
            SELECT DISTINCT :base + p, :tagBase + pg_temp.zipf(p, 100 + j, :tags)
              FROM generate_series(:fromPost, :toPost) p,
                   LATERAL generate_series(1, 1 + (pg_temp.h(p, 8) % 5)::int) j
            """)
    long insertPostTags(@BindMethods Size size, long base, long tagBase, int fromPost, int toPost);
}
