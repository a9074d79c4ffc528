package dev.inkwell.persistence.post;

import dev.inkwell.persistence.dropwizard.SchemaMigrations;
import dev.inkwell.persistence.testing.SchemaSnapshot;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changeset 011: the search vectors in post_search, kept by triggers on posts with the formula
 * of the generated column they replace; recomputed only when a post's title or content
 * changes; each with its post's published (mirrored when it flips) and author_id; and a rollback that gives the column back with the same vectors.
 */
class PostSearchTableIT {
    private static final String FORMULA = """
            setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, content), 'B')""";

    private TestDatabase db;

    @BeforeEach
    void database() {
        db = TestPostgres.get().newDatabase();
        db.execute("""
                INSERT INTO users (username, email) VALUES ('ann', 'ann@example.com');
                INSERT INTO categories (name, slug) VALUES ('one', 'one'), ('two', 'two');
                INSERT INTO posts (author_id, category_id, title, content)
                SELECT 1, 1, 'title ' || g || ' walking', 'the content of post ' || g || ' about gardens' FROM generate_series(1, 50) g;
                """);
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private Jdbi jdbi() {
        return db.jdbi();
    }

    @SuppressWarnings("deprecation")
    private void rollback(int changeSets) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             Liquibase liquibase = new Liquibase(SchemaMigrations.CHANGELOG, new ClassLoaderResourceAccessor(), new JdbcConnection(c))) {
            liquibase.rollback(changeSets, (String) null);
        }
    }

    @SuppressWarnings("deprecation")
    private void migrate() throws Exception {
        try (Connection c = db.dataSource().getConnection();
             Liquibase liquibase = new Liquibase(SchemaMigrations.CHANGELOG, new ClassLoaderResourceAccessor(), new JdbcConnection(c))) {
            liquibase.update(new Contexts(), new LabelExpression());
        }
    }

    /** post id → its stored vector as text, from post_search or (before 011) from posts. */
    private Map<Long, String> vectors(String table) {
        String sql = table.equals("posts") ? "SELECT id, search::text AS v FROM posts" : "SELECT post_id AS id, search::text AS v FROM post_search";
        return jdbi().withHandle(h -> h.createQuery(sql).reduceRows(new java.util.TreeMap<Long, String>(),
                (m, r) -> {
                    m.put(r.getColumn("id", Long.class), r.getColumn("v", String.class));
                    return m;
                }));
    }

    /** The vectors the formula gives for the posts as they are now. */
    private Map<Long, String> expected() {
        return jdbi().withHandle(h -> h.createQuery("SELECT id, (" + FORMULA + ")::text AS v FROM posts").reduceRows(
                new java.util.TreeMap<Long, String>(), (m, r) -> {
                    m.put(r.getColumn("id", Long.class), r.getColumn("v", String.class));
                    return m;
                }));
    }

    private long matches(String table, String word) {
        String column = table.equals("posts") ? "posts" : "post_search";
        return jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + column + " WHERE search @@ websearch_to_tsquery('english', :w)")
                .bind("w", word).mapTo(Long.class).one());
    }

    private <T> T one(String sql, Class<T> type) {
        return jdbi().withHandle(h -> h.createQuery(sql).mapTo(type).one());
    }

    /** The post_search row's version: its xmin changes when, and only when, an UPDATE wrote it. */
    private String xmin(long postId) {
        return jdbi().withHandle(h -> h.createQuery("SELECT xmin::text FROM post_search WHERE post_id = :id").bind("id", postId)
                .mapTo(String.class).one());
    }

    @Test
    void everyInsertedPostHasItsVectorByTheFormulaOneStatementOrMany() {
        db.execute("INSERT INTO posts (author_id, title, content) VALUES (1, 'single', 'one post alone')");
        assertThat(vectors("post_search")).hasSize(51).isEqualTo(expected());
        assertThat(matches("post_search", "garden")).isEqualTo(50);
    }

    /** post id → "published,author_id" as post_search (or, with {@code table} "posts", posts) has them. */
    private Map<Long, String> visibility(String table) {
        String sql = table.equals("posts") ? "SELECT id, published || ',' || author_id AS v FROM posts"
                : "SELECT post_id AS id, published || ',' || author_id AS v FROM post_search";
        return jdbi().withHandle(h -> h.createQuery(sql).reduceRows(new java.util.TreeMap<Long, String>(), (m, r) -> {
            m.put(r.getColumn("id", Long.class), r.getColumn("v", String.class));
            return m;
        }));
    }

    @Test
    void insertedPostsCarryTheirPublishedAndAuthor() {
        db.execute("INSERT INTO users (username, email) VALUES ('bob', 'bob@example.com')");
        db.execute("INSERT INTO posts (author_id, title, content, published, published_at) VALUES (2, 'by bob', 'out now', true, now())");
        assertThat(visibility("post_search")).hasSize(51).isEqualTo(visibility("posts")).containsEntry(51L, "true,2");
    }

    /**
     * A flip of published is mirrored (one post or many in a statement, as the bulk update does)
     * by its own trigger, which writes the post_search row but never calls the vector's: counted
     * by PostgreSQL's per-transaction function statistics. An UPDATE that leaves published as it
     * is calls neither.
     */
    @Test
    void flippingPublishedIsMirroredWithoutRecomputingTheVector() {
        Map<Long, String> vectorsBefore = vectors("post_search");
        Map<String, Long> calls = jdbi().inTransaction(h -> {
            h.execute("SET LOCAL track_functions = 'pl'");
            h.execute("UPDATE posts SET published = true, published_at = now() WHERE id = 7");
            h.execute("UPDATE posts SET published = true, published_at = now() WHERE id BETWEEN 10 AND 19");
            h.execute("UPDATE posts SET published = true, published_at = published_at WHERE id = 7"); // no flip
            h.execute("UPDATE posts SET published = false, published_at = NULL WHERE id = 12");
            return h.createQuery("SELECT funcname, calls FROM pg_stat_xact_user_functions").reduceRows(
                    new java.util.TreeMap<String, Long>(), (m, r) -> {
                        m.put(r.getColumn("funcname", String.class), r.getColumn("calls", Long.class));
                        return m;
                    });
        });
        assertThat(calls).containsEntry("post_search_publish", 12L).doesNotContainKey("post_search_update");
        assertThat(visibility("post_search")).isEqualTo(visibility("posts")).containsEntry(7L, "true,1")
                .containsEntry(12L, "false,1").containsEntry(13L, "true,1").containsEntry(20L, "false,1");
        assertThat(vectors("post_search")).isEqualTo(vectorsBefore).isEqualTo(expected());
    }

    @Test
    void updatingCategoryLeavesTheRowUntouchedAndTitleOrContentRecomputesTheVector() {
        String before = xmin(7);
        db.execute("UPDATE posts SET category_id = 2 WHERE id = 7");
        db.execute("UPDATE posts SET published = false, published_at = NULL WHERE id = 7"); // already a draft: no flip
        db.execute("UPDATE posts SET title = title, content = content WHERE id = 7"); // the same text: nothing to recompute
        assertThat(xmin(7)).isEqualTo(before);

        db.execute("UPDATE posts SET title = 'hiking boots' WHERE id = 7");
        String afterTitle = xmin(7);
        assertThat(afterTitle).isNotEqualTo(before);
        assertThat(matches("post_search", "hike")).isEqualTo(1);

        db.execute("UPDATE posts SET content = 'bread and flour' WHERE id = 7");
        assertThat(xmin(7)).isNotEqualTo(afterTitle);
        assertThat(matches("post_search", "flour")).isEqualTo(1);
        assertThat(vectors("post_search")).isEqualTo(expected());
    }

    @Test
    void aDeletedPostTakesItsVectorWithIt() {
        db.execute("DELETE FROM posts WHERE id <= 10");
        assertThat(vectors("post_search")).hasSize(40).isEqualTo(expected());
    }

    @Test
    void rollingBackGivesTheColumnBackWithTheSameVectorsAndMigratingAgainMovesThemBack() throws Exception {
        db.execute("UPDATE posts SET title = 'hiking boots' WHERE id = 3");
        Map<Long, String> stored = vectors("post_search");
        assertThat(stored).isEqualTo(expected());

        rollback(SchemaSnapshot.changeSetsFrom(jdbi(), "011-post-search-table")); // and every later one first
        assertThat(one("SELECT to_regclass('post_search') IS NULL", Boolean.class)).isTrue();
        assertThat(vectors("posts")).isEqualTo(stored);
        assertThat(matches("posts", "hike")).isEqualTo(1);
        assertThat(one("SELECT attstorage::text FROM pg_attribute WHERE attrelid = 'posts'::regclass AND attname = 'search'",
                String.class)).isEqualTo("m");
        assertThat(one("SELECT reloptions::text FROM pg_class WHERE oid = 'posts'::regclass", String.class))
                .isEqualTo("{toast_tuple_target=8160}");
        // Posts written while rolled back keep their vector in the column, and take it along.
        db.execute("INSERT INTO posts (author_id, title, content) VALUES (1, 'written while rolled back', 'soup')");
        db.execute("UPDATE posts SET published = true, published_at = now() WHERE id IN (4, 51)");

        migrate();
        assertThat(vectors("post_search")).hasSize(51).isEqualTo(expected());
        assertThat(visibility("post_search")).isEqualTo(visibility("posts")).containsEntry(51L, "true,1");
        assertThat(matches("post_search", "soup")).isEqualTo(1);
        assertThat(one("SELECT count(*) FROM information_schema.columns WHERE table_name = 'posts' AND column_name = 'search'",
                Long.class)).isZero();
        assertThat(one("SELECT reloptions::text IS NULL FROM pg_class WHERE oid = 'posts'::regclass", Boolean.class)).isTrue();
        assertThat(one("SELECT count(*) FROM posts", Long.class)).isEqualTo(51);
    }
}
