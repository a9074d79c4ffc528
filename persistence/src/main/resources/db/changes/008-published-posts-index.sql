--liquibase formatted sql

--changeset inkwell:008-published-posts-index
--comment: What anonymous readers list most: published posts newest first. A partial index on (created_at, id) lets the page's ids and the capped total come from the index alone (an index-only scan), without visiting the heap rows an OFFSET skips or the drafts it leaves out.
CREATE INDEX posts_published_created_at_idx ON posts (created_at, id) WHERE published;
--rollback DROP INDEX posts_published_created_at_idx;
