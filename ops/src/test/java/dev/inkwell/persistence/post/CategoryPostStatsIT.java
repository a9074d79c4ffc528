package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.CategoryPostStats;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostChanges;
import dev.inkwell.persistence.dropwizard.SchemaMigrations;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.ops.demo.DemoData;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.testing.SchemaSnapshot;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The posts-per-category report reads counters kept by triggers (migration 012): after every kind
 * of write, row by row and in bulk, its rows equal the plain aggregate over the posts, to the
 * last rounded digit. It lives in ops because the seeder's bulk inserts (ops's demo data) are
 * among the writes it counts.
 */
class CategoryPostStatsIT {
    /** The report as it was computed before the counters: from every published post. */
    private static final String PLAIN = """
            SELECT c.id AS category_id, c.name AS category, count(p.id) AS post_count,
                   COALESCE(round(avg(length(p.content)), 2), 0)::float8 AS avg_content_length
              FROM categories c
              LEFT JOIN posts p ON p.category_id = c.id AND p.published
             GROUP BY c.id, c.name
             ORDER BY post_count DESC, lower(c.name), c.id
            """;

    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    @BeforeEach
    void seed() throws Exception {
        new DemoData(db.jdbi()).seedIfEmpty(new DemoData.Size(20, 6, 10, 1_500));
    }

    private List<CategoryPostStats> plain() {
        return db.jdbi().withHandle(h -> h.createQuery(PLAIN).map(ConstructorMapper.of(CategoryPostStats.class)).list());
    }

    private List<CategoryPostStats> report() {
        return db.dao(PostDao.class).postsPerCategory();
    }

    private <T> T one(String sql, Class<T> type) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(type).one());
    }

    private void execute(String sql) {
        db.jdbi().useHandle(h -> h.execute(sql));
    }

    private void assertReportIsThePlainAggregate() {
        List<CategoryPostStats> plain = plain();
        assertThat(plain).as("the seed publishes posts in several categories")
                .filteredOn(s -> s.postCount() > 0).hasSizeGreaterThan(2);
        assertThat(report()).isEqualTo(plain);
    }

    @Test
    void theSeedersBulkInsertsAreCounted() {
        assertReportIsThePlainAggregate();
    }

    @Test
    void singlePostsCreatedUpdatedAndDeletedAreCounted() {
        PostDao posts = db.dao(PostDao.class);
        long author = one("SELECT min(id) FROM users", Long.class);
        Post a = posts.create(NewPost.of(author, 1L, "a", "ééé日本", true, List.of()));
        Post b = posts.create(NewPost.of(author, 2L, "b", "draft", false, List.of()));
        Post c = posts.create(NewPost.of(author, null, "c", "uncategorized", true, List.of()));
        assertReportIsThePlainAggregate();

        posts.update(a.id(), PostChanges.of(null, "longer content now", true, 3L, null, null), null);
        posts.update(b.id(), PostChanges.of(null, null, false, null, true, null), null);
        posts.update(c.id(), PostChanges.of(null, null, true, 1L, null, null), null);
        assertReportIsThePlainAggregate();

        posts.update(b.id(), PostChanges.of(null, null, false, null, false, null), null);
        posts.delete(a.id());
        assertReportIsThePlainAggregate();
    }

    @Test
    void bulkStatementsAreCounted() {
        execute("UPDATE posts SET category_id = 2 WHERE id % 3 = 0");
        assertReportIsThePlainAggregate();
        execute("UPDATE posts SET published = NOT published, published_at = CASE WHEN published THEN NULL ELSE now() END WHERE id % 5 = 0");
        assertReportIsThePlainAggregate();
        execute("UPDATE posts SET content = content || repeat('ß', id::int % 7) WHERE id % 4 = 0");
        assertReportIsThePlainAggregate();
        // Most rows of the statement change nothing counted (migration 021 returns early only when none does).
        execute("UPDATE posts SET title = title || '?', category_id = CASE WHEN id % 9 = 0 THEN 5 ELSE category_id END");
        execute("UPDATE posts SET content = upper(content) WHERE id % 2 = 0");
        assertReportIsThePlainAggregate();
        execute("UPDATE posts SET category_id = NULL WHERE id % 7 = 0");
        execute("UPDATE posts SET category_id = 4 WHERE category_id IS NULL AND id % 2 = 0");
        assertReportIsThePlainAggregate();
        execute("DELETE FROM posts WHERE id % 11 = 0");
        assertReportIsThePlainAggregate();
        execute("""
                INSERT INTO posts (author_id, category_id, title, content, published, published_at)
                SELECT author_id, category_id, title, content, published, published_at FROM posts WHERE id % 2 = 1""");
        assertReportIsThePlainAggregate();
    }

    @Test
    void aDeletedCategoryLeavesTheReportAndItsPostsAreUncategorized() {
        long inCategory3 = plain().stream().filter(s -> s.categoryId() == 3).findFirst().orElseThrow().postCount();
        assertThat(inCategory3).isPositive();

        db.dao(CategoryDao.class).delete(3);

        assertThat(report()).noneMatch(s -> s.categoryId() == 3);
        assertReportIsThePlainAggregate();
        // Counted from scratch, as the migration fills the table: nothing left over for category 3.
        assertThat(one("SELECT count(*) FROM category_post_stats WHERE category_id = 3", Long.class)).isZero();
    }

    @Test
    void anUpdateOfNeitherPublishedCategoryNorContentWritesNoCounter() {
        String versions = "SELECT string_agg(category_id || ':' || xmin, ',' ORDER BY category_id) FROM category_post_stats";
        String before = one(versions, String.class);

        execute("UPDATE posts SET title = title || '!', version = version + 1");
        execute("UPDATE posts SET content = content WHERE id % 2 = 0");

        assertThat(one(versions, String.class)).isEqualTo(before);
        assertReportIsThePlainAggregate();
    }

    @Test
    void truncatingPostsEmptiesTheCounters() {
        execute("TRUNCATE posts CASCADE");
        assertThat(report()).allMatch(s -> s.postCount() == 0 && s.avgContentLength() == 0);
        assertThat(report()).isEqualTo(plain());
    }

    @Test
    void rollingBackTheCountersAndMigratingAgainFillsThemFromThePosts() throws Exception {
        int changeSets = SchemaSnapshot.changeSetsFrom(db.jdbi(), "012-category-post-stats");
        liquibase(l -> l.rollback(changeSets, (String) null));
        execute("UPDATE posts SET category_id = 5 WHERE id % 3 = 0");
        execute("DELETE FROM posts WHERE id % 13 = 0");
        assertThat(one("SELECT to_regclass('category_post_stats') IS NULL", Boolean.class)).isTrue();

        liquibase(l -> l.update(new Contexts(), new LabelExpression()));

        assertReportIsThePlainAggregate();
        execute("UPDATE posts SET category_id = 6 WHERE id % 4 = 0");
        assertReportIsThePlainAggregate();
    }

    @SuppressWarnings("deprecation")
    private void liquibase(LiquibaseAction action) throws Exception {
        try (Connection c = db.database().dataSource().getConnection();
             Liquibase liquibase = new Liquibase(SchemaMigrations.CHANGELOG, new ClassLoaderResourceAccessor(), new JdbcConnection(c))) {
            action.run(liquibase);
        }
    }

    private interface LiquibaseAction {
        void run(Liquibase liquibase) throws Exception;
    }
}
