--liquibase formatted sql

--changeset inkwell:012-category-post-stats splitStatements:false
--comment: Published posts per category and the sum of their content lengths (in characters), kept by statement-level triggers on posts so that the posts-per-category report reads 50 rows instead of scanning and decompressing every post. One trigger per event (transition tables allow no other way): a bulk statement pays one aggregate over its changed rows, not one per row. Upserts go in category-id order, so two writers of the same categories never deadlock on them; a writer holds its categories' rows until it commits. An UPDATE that changes neither published, category_id nor content adds nothing (the old and new rows are compared first). Uncategorized posts are not kept (the report lists categories). A deleted category's row goes with it; its posts' category_id becoming NULL fires the UPDATE trigger, which skips categories that no longer exist. Writers are locked out while the table is filled from the existing rows.
LOCK TABLE posts IN SHARE ROW EXCLUSIVE MODE;
CREATE TABLE category_post_stats (
    category_id    bigint PRIMARY KEY
                   CONSTRAINT category_post_stats_category_id_fkey REFERENCES categories (id) ON DELETE CASCADE,
    post_count     bigint NOT NULL,
    content_length bigint NOT NULL
);
INSERT INTO category_post_stats (category_id, post_count, content_length)
SELECT category_id, count(*), sum(length(content))
  FROM posts
 WHERE published AND category_id IS NOT NULL
 GROUP BY category_id;

CREATE FUNCTION category_post_stats_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO category_post_stats AS s (category_id, post_count, content_length)
    SELECT n.category_id, count(*), sum(length(n.content))
      FROM new_posts n
     WHERE n.published AND n.category_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM categories c WHERE c.id = n.category_id)
     GROUP BY n.category_id
     ORDER BY n.category_id
        ON CONFLICT (category_id) DO UPDATE
       SET post_count = s.post_count + EXCLUDED.post_count,
           content_length = s.content_length + EXCLUDED.content_length;
    RETURN NULL;
END
$$;

CREATE FUNCTION category_post_stats_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO category_post_stats AS s (category_id, post_count, content_length)
    SELECT o.category_id, -count(*), -sum(length(o.content))
      FROM old_posts o
     WHERE o.published AND o.category_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM categories c WHERE c.id = o.category_id)
     GROUP BY o.category_id
     ORDER BY o.category_id
        ON CONFLICT (category_id) DO UPDATE
       SET post_count = s.post_count + EXCLUDED.post_count,
           content_length = s.content_length + EXCLUDED.content_length;
    RETURN NULL;
END
$$;

CREATE FUNCTION category_post_stats_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    WITH changed AS (
        SELECT o.published AS old_published, o.category_id AS old_category, o.content AS old_content,
               n.published AS new_published, n.category_id AS new_category, n.content AS new_content
          FROM old_posts o JOIN new_posts n ON n.id = o.id
         WHERE o.published <> n.published
            OR o.category_id IS DISTINCT FROM n.category_id
            OR o.content <> n.content),
    deltas (category_id, posts, content_length) AS (
        SELECT old_category, -1, -length(old_content) FROM changed WHERE old_published AND old_category IS NOT NULL
        UNION ALL
        SELECT new_category, 1, length(new_content) FROM changed WHERE new_published AND new_category IS NOT NULL)
    INSERT INTO category_post_stats AS s (category_id, post_count, content_length)
    SELECT d.category_id, sum(d.posts), sum(d.content_length)
      FROM deltas d
     WHERE EXISTS (SELECT 1 FROM categories c WHERE c.id = d.category_id)
     GROUP BY d.category_id
    HAVING sum(d.posts) <> 0 OR sum(d.content_length) <> 0
     ORDER BY d.category_id
        ON CONFLICT (category_id) DO UPDATE
       SET post_count = s.post_count + EXCLUDED.post_count,
           content_length = s.content_length + EXCLUDED.content_length;
    RETURN NULL;
END
$$;

CREATE FUNCTION category_post_stats_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM category_post_stats;
    RETURN NULL;
END
$$;

CREATE TRIGGER category_post_stats_inserted AFTER INSERT ON posts
    REFERENCING NEW TABLE AS new_posts FOR EACH STATEMENT EXECUTE FUNCTION category_post_stats_inserted();
CREATE TRIGGER category_post_stats_updated AFTER UPDATE ON posts
    REFERENCING OLD TABLE AS old_posts NEW TABLE AS new_posts FOR EACH STATEMENT EXECUTE FUNCTION category_post_stats_updated();
CREATE TRIGGER category_post_stats_deleted AFTER DELETE ON posts
    REFERENCING OLD TABLE AS old_posts FOR EACH STATEMENT EXECUTE FUNCTION category_post_stats_deleted();
CREATE TRIGGER category_post_stats_truncated AFTER TRUNCATE ON posts
    FOR EACH STATEMENT EXECUTE FUNCTION category_post_stats_truncated();
--rollback DROP TRIGGER category_post_stats_truncated ON posts; DROP TRIGGER category_post_stats_deleted ON posts; DROP TRIGGER category_post_stats_updated ON posts; DROP TRIGGER category_post_stats_inserted ON posts; DROP FUNCTION category_post_stats_truncated(); DROP FUNCTION category_post_stats_deleted(); DROP FUNCTION category_post_stats_updated(); DROP FUNCTION category_post_stats_inserted(); DROP TABLE category_post_stats;
