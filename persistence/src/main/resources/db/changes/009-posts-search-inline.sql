--liquibase formatted sql

--changeset inkwell:009-posts-search-inline
--comment: A post's search vector (about 1.7 KB for 1 KB of text) is read for every match a search ranks. Out of line (TOAST) each costs a TOAST index lookup and chunk reads, three quarters of a search's buffer reads. MAIN storage and a row size target of a whole page keep it in the row (compressed if need be) unless the post is too large for a page. Applies to rows written from now on; VACUUM FULL posts rewrites the older ones (see ops/RUNBOOK.md).
ALTER TABLE posts SET (toast_tuple_target = 8160);
ALTER TABLE posts ALTER COLUMN search SET STORAGE MAIN;
--rollback ALTER TABLE posts ALTER COLUMN search SET STORAGE EXTENDED;
--rollback ALTER TABLE posts RESET (toast_tuple_target);
