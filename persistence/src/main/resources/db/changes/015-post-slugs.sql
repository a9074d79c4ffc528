--liquibase formatted sql

--changeset inkwell:015-post-slugs splitStatements:false
--comment: Each post has a unique slug for its address (GET /api/posts/by-slug/{slug}): lower-case ASCII words of letters and digits joined by single hyphens, at most 100 long (the rule of categories' slugs). New posts get theirs from the title in PostWrites.INSERT (the words, or the words and "-" and the post's id when taken); existing posts here, set-based (one UPDATE, no loop): the title's ASCII letters and digits as words, at most 80 characters, "post" when none is left; the lowest id of a title's words keeps them as they are, the others (and every slug that ends in a number word, which could be another's suffixed slug) get "-<id>", so no two rows can meet. A changed slug keeps answering: post_old_slugs holds the slugs a post had, each with the post it now leads to (a 301 to its slug), kept by a trigger on every change of posts.slug, so that no write path can forget it; a slug taken again by its post, or by another post, leaves the table (the current slug of a post wins over an old slug, and an old slug belongs to one post: the last that had it). Old slugs go with their post. An insert without a slug (a script's, a test's) gets the backfill's words and "-" and its id, from a trigger that only inserts without one reach (its WHEN is checked before anything is called). Writers of posts are locked out while the slugs are filled in (a rewrite of every row: VACUUM posts afterwards on a large table, see ops/RUNBOOK.md).
LOCK TABLE posts IN SHARE ROW EXCLUSIVE MODE;
ALTER TABLE posts ADD COLUMN slug text;
-- The fill changes no count of category_post_stats; its statement trigger would still read every post's content twice to net them.
ALTER TABLE posts DISABLE TRIGGER category_post_stats_updated;
CREATE FUNCTION post_slug_words(title text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(NULLIF(trim(BOTH '-' FROM left(trim(BOTH '-' FROM regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g')), 80)), ''), 'post')
$$;
UPDATE posts p
   SET slug = CASE WHEN s.n = 1 AND s.words !~ '-[0-9]+$' THEN s.words ELSE s.words || '-' || p.id END
  FROM (SELECT id, words, row_number() OVER (PARTITION BY words ORDER BY id) AS n
          FROM (SELECT id, post_slug_words(title) AS words FROM posts) w) s
 WHERE s.id = p.id;
ALTER TABLE posts ENABLE TRIGGER category_post_stats_updated;
ALTER TABLE posts ALTER COLUMN slug SET NOT NULL,
    ADD CONSTRAINT posts_slug_check CHECK (length(slug) <= 100 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
CREATE UNIQUE INDEX posts_slug_key ON posts (slug);

CREATE TABLE post_old_slugs (
    slug    text   CONSTRAINT post_old_slugs_pkey PRIMARY KEY,
    post_id bigint NOT NULL CONSTRAINT post_old_slugs_post_id_fkey REFERENCES posts (id) ON DELETE CASCADE
);
CREATE INDEX post_old_slugs_post_id_idx ON post_old_slugs (post_id);

CREATE FUNCTION post_old_slugs_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM post_old_slugs WHERE slug = NEW.slug;
    INSERT INTO post_old_slugs (slug, post_id) VALUES (OLD.slug, NEW.id)
        ON CONFLICT (slug) DO UPDATE SET post_id = EXCLUDED.post_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER posts_old_slugs AFTER UPDATE OF slug ON posts
    FOR EACH ROW WHEN (OLD.slug IS DISTINCT FROM NEW.slug)
    EXECUTE FUNCTION post_old_slugs_keep();

-- An insert that names no slug (a script's, a fixture's) gets the title's words and its id.
CREATE FUNCTION post_slug_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.slug := post_slug_words(NEW.title) || '-' || NEW.id;
    RETURN NEW;
END
$$;
CREATE TRIGGER posts_slug_default BEFORE INSERT ON posts
    FOR EACH ROW WHEN (NEW.slug IS NULL) EXECUTE FUNCTION post_slug_default();
--rollback DROP TRIGGER posts_slug_default ON posts;
--rollback DROP FUNCTION post_slug_default();
--rollback DROP TRIGGER posts_old_slugs ON posts;
--rollback DROP FUNCTION post_old_slugs_keep();
--rollback DROP TABLE post_old_slugs;
--rollback ALTER TABLE posts DROP COLUMN slug;
--rollback DROP FUNCTION post_slug_words(text);
