--liquibase formatted sql

--changeset inkwell:016-post-publish-at
--comment: Scheduled publishing. publish_at is when a draft is to be published; the worker publishes it then (published true, published_at the scheduled time, publish_at NULL: PostWrites.publishDue, one conditional UPDATE, so a second run publishes nothing). Until then the post is a draft like any other, hidden from readers by the rules that hide drafts, so no read path changes. A published post has no schedule. The partial index finds the due posts (the worker's sweep) among the few scheduled ones.
ALTER TABLE posts ADD COLUMN publish_at timestamptz,
    ADD CONSTRAINT posts_publish_at_check CHECK (NOT (published AND publish_at IS NOT NULL));
CREATE INDEX posts_publish_at_idx ON posts (publish_at) WHERE publish_at IS NOT NULL;
--rollback DROP INDEX posts_publish_at_idx;
--rollback ALTER TABLE posts DROP COLUMN publish_at;
