--liquibase formatted sql

--changeset inkwell:022-post-search-pending-list
--comment: The search index's pending list is kept small (256 kB; PostgreSQL's default is 4 MB). A GIN index with fastupdate (PostgreSQL's default) adds a new or edited post's lexemes to an unsorted pending list, a page or more a post, rather than to its trees, and every search reads the whole list besides the trees: with the default limit a list of a few hundred pages, which any run of new posts or edited titles leaves between merges, cost a rare word's search more than its own matches (measured: a quarter to a third of its requests per second with 300 pending pages). At 256 kB a search reads at most 32 pages of it, and the merge into the trees, which the post that overflows the list does before it returns, is small each time. Smaller still cost the writes: at 64 kB (PostgreSQL's least) a new post's statement ran 7-10% slower under pgbench, at 256 kB within the noise of the default; fastupdate off, a third slower.
ALTER INDEX post_search_search_idx SET (gin_pending_list_limit = 256);
--rollback ALTER INDEX post_search_search_idx RESET (gin_pending_list_limit);
