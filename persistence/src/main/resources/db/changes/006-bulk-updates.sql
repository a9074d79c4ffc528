--liquibase formatted sql

--changeset inkwell:006-bulk-updates
--comment: Bulk updates of posts. The row holds what was asked (a job's argument is only its id); its chunks split the work, and a chunk is applied exactly once: its row is locked while it runs and marked done in the same transaction as the change.
CREATE TABLE bulk_updates (
    id                    uuid        PRIMARY KEY,   -- also the id of its JobRunr job
    owner_id              bigint      NOT NULL
                          CONSTRAINT bulk_updates_owner_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    request_id            text
                          CONSTRAINT bulk_updates_request_id_check CHECK (length(request_id) BETWEEN 1 AND 100),
    -- The target: these posts, or (post_ids null) every post matching all filter_* that are set.
    post_ids              bigint[],
    filter_category_id    bigint,
    filter_tag            text,
    filter_author_id      bigint,
    filter_published      boolean,
    filter_created_before timestamptz,
    filter_created_after  timestamptz,
    -- The change: only these fields can be set.
    set_published         boolean,
    set_category          boolean     NOT NULL DEFAULT false,
    set_category_id       bigint,
    add_tags              text[]      NOT NULL DEFAULT '{}',
    remove_tags           text[]      NOT NULL DEFAULT '{}',
    chunk_count           integer,    -- null until the work is planned
    created_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT bulk_updates_target_check CHECK (post_ids IS NULL OR cardinality(post_ids) BETWEEN 1 AND 100000)
);
-- Also the index of the owner's foreign key.
CREATE UNIQUE INDEX bulk_updates_request_key ON bulk_updates (owner_id, request_id);

CREATE TABLE bulk_update_chunks (
    bulk_update_id uuid        NOT NULL
                   CONSTRAINT bulk_update_chunks_bulk_update_id_fkey REFERENCES bulk_updates (id) ON DELETE CASCADE,
    chunk          integer     NOT NULL,
    first_id       bigint      NOT NULL,   -- the chunk: target posts with first_id <= id <= last_id
    last_id        bigint      NOT NULL,
    matched        integer,
    changed        integer,
    done_at        timestamptz,
    last_error     text,
    CONSTRAINT bulk_update_chunks_pkey PRIMARY KEY (bulk_update_id, chunk),
    CONSTRAINT bulk_update_chunks_range_check CHECK (first_id <= last_id)
);
--rollback DROP TABLE bulk_update_chunks; DROP TABLE bulk_updates;
