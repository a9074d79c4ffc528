--liquibase formatted sql

--changeset inkwell:022-post-search-pending-list
--comment: The search index's pending list is kept small (64 kB, PostgreSQL's smallest; its default is 4 MB). A GIN index with fastupdate (PostgreSQL's default) adds a new or edited post's lexemes to an unsorted pending list rather than to its trees, and every search reads the whole list besides the trees: with the default limit a list of a few hundred pages, which any run of new posts or edited titles leaves between merges, cost a rare word's search more than its own matches (measured: a third of its requests per second with 300 pending pages). At 64 kB a search reads at most 8 pages of it, and the merge into the trees, which the post that overflows the list does before it returns, is small each time; posts are written at the same rate (measured with pgbench, within the noise), and still in batches, unlike fastupdate off, which cost every insert a third of its rate.
ALTER INDEX post_search_search_idx SET (gin_pending_list_limit = 64);
--rollback ALTER INDEX post_search_search_idx RESET (gin_pending_list_limit);
