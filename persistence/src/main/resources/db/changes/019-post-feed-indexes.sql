--liquibase formatted sql

--changeset inkwell:019-post-feed-indexes
--comment: The feeds (Atom and RSS) list the newest published posts by published_at, overall and per category: partial indexes on (published_at, id) and (category_id, published_at, id) over published posts give a feed's 20 rows by walking an index backwards, without sorting every published post (the lists' indexes are on created_at, which is not the order of publication). A tag's feed goes from post_tags (tag_id, post_id) or walks the first of these, whichever PostgreSQL finds cheaper for that tag. Built while writers of posts wait (seconds at millions of posts): run it as part of a deploy.
CREATE INDEX posts_published_at_idx ON posts (published_at, id) WHERE published;
CREATE INDEX posts_category_published_at_idx ON posts (category_id, published_at, id) WHERE published;
--rollback DROP INDEX posts_category_published_at_idx;
--rollback DROP INDEX posts_published_at_idx;
