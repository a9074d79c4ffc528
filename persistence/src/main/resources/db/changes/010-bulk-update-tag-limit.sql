--liquibase formatted sql

--changeset inkwell:010-bulk-update-tag-limit
--comment: A bulk update's add_tags never takes a post past 20 tags (the limit of a single post's write): a post that would have more gets none of the added tags (its other changes still apply), and each chunk counts those posts, so the job's result tells the client.
ALTER TABLE bulk_update_chunks ADD COLUMN tag_limited integer;
--rollback ALTER TABLE bulk_update_chunks DROP COLUMN tag_limited;
