--liquibase formatted sql

--changeset inkwell:012-category-post-stats splitStatements:false
--comment: Published posts per category and the sum of their content lengths (in characters), kept by statement-level triggers on posts so that the posts-per-category report reads 50 rows instead of scanning and decompressing every post. One trigger per event (transition tables allow no other way): a bulk statement pays one aggregate over its changed rows, not one per row. A category's counts are spread over up to 8 rows (slot: the writing backend's pid modulo 8; the report adds them up): a writer holds the rows it upserted until it commits, and with one row per category concurrent writers of one category would take turns, commit (WAL flush) included. Upserts go in category-id order, so two writers of the same categories never deadlock on them. An UPDATE nets its old rows against its new ones per category and writes (and locks) nothing where they cancel out, as when it changes neither published, category_id nor content; netting two plain aggregates costs less than joining old to new rows by id to compare them (a hash join of whole rows, content included, that spills to disk). Uncategorized posts are not kept (the report lists categories). A deleted category's row goes with it; its posts' category_id becoming NULL fires the UPDATE trigger, which skips categories that no longer exist. Writers are locked out while the table is filled from the existing rows.
LOCK TABLE posts IN SHARE ROW EXCLUSIVE MODE;
CREATE TABLE category_post_stats (
    category_id    bigint   NOT NULL
                   CONSTRAINT category_post_stats_category_id_fkey REFERENCES categories (id) ON DELETE CASCADE,
    slot           smallint NOT NULL,
    post_count     bigint   NOT NULL,
    content_length bigint   NOT NULL,
    CONSTRAINT category_post_stats_pkey PRIMARY KEY (category_id, slot)
);
INSERT INTO category_post_stats (category_id, slot, post_count, content_length)
SELECT category_id, 0, count(*), sum(length(content))
  FROM posts
 WHERE published AND category_id IS NOT NULL
 GROUP BY category_id;

CREATE FUNCTION category_post_stats_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO category_post_stats AS s (category_id, slot, post_count, content_length)
    SELECT n.category_id, pg_backend_pid() % 8, count(*), sum(length(n.content))
      FROM new_posts n
     WHERE n.published AND n.category_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM categories c WHERE c.id = n.category_id)
     GROUP BY n.category_id
     ORDER BY n.category_id
        ON CONFLICT (category_id, slot) DO UPDATE
       SET post_count = s.post_count + EXCLUDED.post_count,
           content_length = s.content_length + EXCLUDED.content_length;
    RETURN NULL;
END
$$;

CREATE FUNCTION category_post_stats_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO category_post_stats AS s (category_id, slot, post_count, content_length)
    SELECT o.category_id, pg_backend_pid() % 8, -count(*), -sum(length(o.content))
      FROM old_posts o
     WHERE o.published AND o.category_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM categories c WHERE c.id = o.category_id)
     GROUP BY o.category_id
     ORDER BY o.category_id
        ON CONFLICT (category_id, slot) DO UPDATE
       SET post_count = s.post_count + EXCLUDED.post_count,
           content_length = s.content_length + EXCLUDED.content_length;
    RETURN NULL;
END
$$;

CREATE FUNCTION category_post_stats_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO category_post_stats AS s (category_id, slot, post_count, content_length)
    SELECT d.category_id, pg_backend_pid() % 8, sum(d.posts), sum(d.content_length)
      FROM (SELECT o.category_id, -count(*) AS posts, -sum(length(o.content)) AS content_length
              FROM old_posts o WHERE o.published AND o.category_id IS NOT NULL GROUP BY o.category_id
            UNION ALL
            SELECT n.category_id, count(*), sum(length(n.content))
              FROM new_posts n WHERE n.published AND n.category_id IS NOT NULL GROUP BY n.category_id) d
     WHERE EXISTS (SELECT 1 FROM categories c WHERE c.id = d.category_id)
     GROUP BY d.category_id
    HAVING sum(d.posts) <> 0 OR sum(d.content_length) <> 0
     ORDER BY d.category_id
        ON CONFLICT (category_id, slot) DO UPDATE
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
