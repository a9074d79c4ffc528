--liquibase formatted sql

--changeset inkwell:014-post-search-eras splitStatements:false
--comment: post_search's GIN index also holds each row's era, its post id's bits above the lowest 13 (8,192 ids an era), so that a search finds a word's matches among the newest eras alone: the index intersects the word's rows with the eras' rows by itself, and only the matches it returns are read from the table, a heap page each. A ranked page needs a block or two of a word's newest matches (PostRanking), and without the eras the index returned every match of the word, so that a page cost more the more posts there were; RankingScans chooses the eras that should hold the page's matches. The same index still serves a search by words alone (a GIN index answers a condition on any of its columns), so there is still one index over the vectors; an era never changes (post ids do not), and a published flip stays a HOT update. The new index is built under another name while the old one still serves searches (CREATE INDEX locks out writers of post_search, not readers), then takes the old one's name.
SET LOCAL maintenance_work_mem = '256MB';
CREATE INDEX post_search_search_eras_idx ON post_search USING gin (search, (ARRAY[post_id >> 13]));
DROP INDEX post_search_search_idx;
ALTER INDEX post_search_search_eras_idx RENAME TO post_search_search_idx;
--rollback CREATE INDEX post_search_search_words_idx ON post_search USING gin (search);
--rollback DROP INDEX post_search_search_idx;
--rollback ALTER INDEX post_search_search_words_idx RENAME TO post_search_search_idx;
