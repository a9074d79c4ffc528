--liquibase formatted sql

--changeset inkwell:011-post-search-table splitStatements:false
--comment: A post's search vector moves out of its row into post_search, one row per post, kept by triggers on posts with the formula of 003 (the title weighted A, the content B, 'english'). In the row it was about two thirds of the table, carried by every scan, update and backup of posts, and as a generated column it was recomputed by every UPDATE of the row, even one of category_id or published. Inserts fill it in one INSERT ... SELECT per statement (a statement-level trigger over the inserted rows), so a bulk insert or COPY costs one statement, not one per row; updates recompute it per row only when the title or the content changed (the trigger's WHEN is checked before anything is queued), so an UPDATE of other columns never recomputes a vector. The row also carries the post's published and author_id, all a search needs to tell which matches a reader may see (published, or published OR author_id = the viewer), so that a match is checked in the row already read for its vector rather than by a lookup in posts (about 4 buffers each: a rare word read 3.7 times the buffers of 003's in-row vector without them). author_id never changes after the insert (no UPDATE of posts sets it). published is mirrored by a row-level trigger that fires only when it changes (WHEN OLD.published IS DISTINCT FROM NEW.published, checked before anything is queued), an UPDATE of post_search by its key that rewrites the row with its vector as is (not recomputed; a HOT update where the page has room, since no index holds published): the bulk publish path updates a chunk of posts per statement and only the rows whose published flips, so it costs one key lookup and row write per flipped post in the chunk's transaction, no more than the posts row it already writes; a statement-level trigger would save the per-row call but, since PostgreSQL allows no column list with transition tables, would then run on every UPDATE of posts, category-only and title edits included. Dropping the column frees no space in rows already written: VACUUM FULL posts does (see ops/RUNBOOK.md), and reset here are 009's settings that kept the vector in the row.
CREATE TABLE post_search (
    post_id   bigint   CONSTRAINT post_search_pkey PRIMARY KEY
                       CONSTRAINT post_search_post_id_fkey REFERENCES posts (id) ON DELETE CASCADE,
    published boolean  NOT NULL,
    author_id bigint   NOT NULL,
    search    tsvector NOT NULL
);
-- As 009 did in posts: a vector stays in its row (compressed if need be) unless larger than a page, so that a search's
-- check of a row costs no TOAST lookup.
ALTER TABLE post_search ALTER COLUMN search SET STORAGE MAIN, SET (toast_tuple_target = 8160);
INSERT INTO post_search (post_id, published, author_id, search) SELECT id, published, author_id, search FROM posts;
CREATE INDEX post_search_search_idx ON post_search USING gin (search);

CREATE FUNCTION post_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO post_search (post_id, published, author_id, search)
    SELECT i.id, i.published, i.author_id, setweight(to_tsvector('english'::regconfig, i.title), 'A')
              || setweight(to_tsvector('english'::regconfig, i.content), 'B')
      FROM inserted i;
    RETURN NULL;
END
$$;
CREATE TRIGGER posts_search_insert AFTER INSERT ON posts
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION post_search_insert();

CREATE FUNCTION post_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE post_search
       SET search = setweight(to_tsvector('english'::regconfig, NEW.title), 'A')
                 || setweight(to_tsvector('english'::regconfig, NEW.content), 'B')
     WHERE post_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER posts_search_update AFTER UPDATE OF title, content ON posts
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.content IS DISTINCT FROM NEW.content)
    EXECUTE FUNCTION post_search_update();

CREATE FUNCTION post_search_publish() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE post_search SET published = NEW.published WHERE post_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER posts_search_publish AFTER UPDATE OF published ON posts
    FOR EACH ROW WHEN (OLD.published IS DISTINCT FROM NEW.published)
    EXECUTE FUNCTION post_search_publish();

ALTER TABLE posts DROP COLUMN search, RESET (toast_tuple_target);
ANALYZE post_search;
--rollback DROP TRIGGER posts_search_publish ON posts;
--rollback DROP TRIGGER posts_search_update ON posts;
--rollback DROP TRIGGER posts_search_insert ON posts;
--rollback DROP FUNCTION post_search_publish();
--rollback DROP FUNCTION post_search_update();
--rollback DROP FUNCTION post_search_insert();
--rollback ALTER TABLE posts
--rollback     ADD COLUMN search tsvector GENERATED ALWAYS AS (
--rollback             setweight(to_tsvector('english'::regconfig, title), 'A')
--rollback          || setweight(to_tsvector('english'::regconfig, content), 'B')) STORED,
--rollback     ALTER COLUMN search SET STORAGE MAIN,
--rollback     SET (toast_tuple_target = 8160);
--rollback CREATE INDEX posts_search_idx ON posts USING gin (search);
--rollback DROP TABLE post_search;
