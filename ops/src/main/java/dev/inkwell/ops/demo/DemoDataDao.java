package dev.inkwell.ops.demo;

import dev.inkwell.ops.demo.DemoData.Size;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.Optional;

/**
 * The SQL of {@link DemoData}: users, categories and tags generated inside PostgreSQL, every
 * "random" value a hash of the row number ({@code hashint8extended(n, salt)}), ids offset by
 * {@code base}; what the JVM needs to generate the posts ({@link DemoPosts}) the same way.
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
     * The session's hash helpers: u01 (uniform in [0, 1)), h (a non-negative 53-bit hash), syllable.
     * They live in pg_temp, so each connection that generates rows makes its own. {@link Draws}
     * computes h and u01 in the JVM, bit for bit.
     */
    default void createHelpers() {
        // syllable(d): consonant-vowel pair for d in 0..99
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
    }

    /** {@code ln(n + 1)} as the server computes it, for {@link Zipf}. */
    @SqlQuery("SELECT ln(:n + 1.0::float8)")
    double lnPlusOne(int n);

    /** The server's own {@code zipf(a, salt, n)}, for the draws {@link Zipf} leaves to it. */
    @SqlQuery("""
            SELECT least(:n, floor(exp((hashint8extended(:a, :salt) & 9007199254740991) / 9007199254740992.0::float8
                                       * ln(:n + 1.0::float8)))::int)
            """)
    int zipf(long a, int salt, int n);

    /** Whether this session may switch the posts table's triggers (ALTER TABLE needs its owner). */
    @SqlQuery("SELECT pg_has_role(relowner, 'USAGE') FROM pg_class WHERE oid = 'posts'::regclass")
    boolean ownsPosts();

    /**
     * Stops the insert trigger of changeset 011 from computing search vectors in this transaction, for
     * posts whose vectors the seeder writes itself. ALTER TABLE is transactional: no other session
     * ever sees the trigger off, and their inserts into posts wait for this transaction to end.
     */
    @SqlUpdate("ALTER TABLE posts DISABLE TRIGGER posts_search_insert")
    void disableSearchTrigger();

    @SqlUpdate("ALTER TABLE posts ENABLE TRIGGER posts_search_insert")
    void enableSearchTrigger();

    /** The search index's own pending list limit in kB (changeset 022's); null when it has none (PostgreSQL's, from the session). */
    @SqlQuery("""
            SELECT option_value::int FROM pg_class, pg_options_to_table(reloptions)
             WHERE oid = 'post_search_search_idx'::regclass AND option_name = 'gin_pending_list_limit'
            """)
    Optional<Integer> searchPendingLimit();

    /**
     * Sets the search index's pending list limit to {@code kilobytes} (null: none of its own). The
     * index's setting wins over a session's, so a bulk load that wants fewer, larger merges sets the
     * index's in its transaction, and sets the old one again before it commits. ALTER INDEX is
     * transactional and locks the index: no other session ever sees the load's limit, and their
     * searches and writes of post_search wait for the transaction to end.
     */
    default void setSearchPendingLimit(Integer kilobytes) {
        getHandle().execute(kilobytes == null ? "ALTER INDEX post_search_search_idx RESET (gin_pending_list_limit)"
                : "ALTER INDEX post_search_search_idx SET (gin_pending_list_limit = " + kilobytes + ")");
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
}
