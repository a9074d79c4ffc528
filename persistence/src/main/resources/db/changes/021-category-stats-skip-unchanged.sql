--liquibase formatted sql

--changeset inkwell:021-category-stats-skip-unchanged splitStatements:false
--comment: 012's trigger after every UPDATE of posts (transition tables allow no column list, so it fires for an edit of the title, the slug or the schedule, and for the version bumps of a bulk tag update) returns at once when no counted row (published, in a category) changed its category, its publication or its content's length, instead of running its aggregate and upsert over the changed rows only to find nothing to add. The check is one join of the two transition tables by id; the answers are the same. Measured with pgbench (16 connections, an UPDATE of one post's title): 2,460 and 3,066 tps before, 3,121 and 3,342 after, alternating; without the trigger 2,568 and 2,939.
CREATE OR REPLACE FUNCTION category_post_stats_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Nothing to count when no row that counts (published, in a category) changed its category,
    -- its publication or its content's length: a post's id never changes (post_search refers to it).
    IF NOT EXISTS (SELECT 1 FROM old_posts o JOIN new_posts n ON n.id = o.id
                    WHERE (o.published AND o.category_id IS NOT NULL OR n.published AND n.category_id IS NOT NULL)
                      AND (o.category_id IS DISTINCT FROM n.category_id OR o.published <> n.published
                           OR length(o.content) <> length(n.content))) THEN
        RETURN NULL;
    END IF;
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
--rollback CREATE OR REPLACE FUNCTION category_post_stats_updated() RETURNS trigger
--rollback LANGUAGE plpgsql AS $$
--rollback BEGIN
--rollback     INSERT INTO category_post_stats AS s (category_id, slot, post_count, content_length)
--rollback     SELECT d.category_id, pg_backend_pid() % 8, sum(d.posts), sum(d.content_length)
--rollback       FROM (SELECT o.category_id, -count(*) AS posts, -sum(length(o.content)) AS content_length
--rollback               FROM old_posts o WHERE o.published AND o.category_id IS NOT NULL GROUP BY o.category_id
--rollback             UNION ALL
--rollback             SELECT n.category_id, count(*), sum(length(n.content))
--rollback               FROM new_posts n WHERE n.published AND n.category_id IS NOT NULL GROUP BY n.category_id) d
--rollback      WHERE EXISTS (SELECT 1 FROM categories c WHERE c.id = d.category_id)
--rollback      GROUP BY d.category_id
--rollback     HAVING sum(d.posts) <> 0 OR sum(d.content_length) <> 0
--rollback      ORDER BY d.category_id
--rollback         ON CONFLICT (category_id, slot) DO UPDATE
--rollback        SET post_count = s.post_count + EXCLUDED.post_count,
--rollback            content_length = s.content_length + EXCLUDED.content_length;
--rollback     RETURN NULL;
--rollback END
--rollback $$;
