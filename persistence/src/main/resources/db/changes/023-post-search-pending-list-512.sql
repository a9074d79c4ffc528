--liquibase formatted sql

--changeset inkwell:023-post-search-pending-list-512
--comment: The search index's pending list at 512 kB, not changeset 022's 256 kB: the merge of the list into the index's trees, which the write that overflows it does before it returns, has a cost of its own besides the lexemes it moves (measured with gin_clean_pending_list after title edits of the standard data set, each edit about half a page: 64 edits, a 256 kB list, 20-24 ms, 0.31-0.38 ms an edit; 128 edits, 512 kB, 29-36 ms, 0.22-0.28 ms; 1,000 edits, the default 4 MB, 133-146 ms, 0.13-0.15 ms), so at 256 kB an edit paid about 0.2 ms more than with the default, 6-10% of PATCH /api/posts/{id}'s rate; at 512 kB about 0.1 ms, and in three alternating pairs under wrk 8-9% more edits a second than at 256 kB. A search reads on average half the limit: 32 pages cost a rare word's candidates 0.07 ms more than an empty list, against 0.86 ms for 256 pages (pgbench of the match alone: 5,170 tps with none pending, 4,388 with 32, 3,743 with 64, 1,604 with 256).
ALTER INDEX post_search_search_idx SET (gin_pending_list_limit = 512);
--rollback ALTER INDEX post_search_search_idx SET (gin_pending_list_limit = 256);
