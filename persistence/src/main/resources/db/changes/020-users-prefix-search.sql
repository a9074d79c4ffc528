--liquibase formatted sql

--changeset inkwell:020-users-prefix-search
--comment: The search of users by the start of their username (any case) or e-mail address (GET /api/users?q=): expression indexes in the "C" collation, whose byte order makes every prefix one range of the index, found and read in order, whatever the database's own collation (in en_US and the like, neither users_username_key nor users_email_key can serve a prefix); usernames lowered in "C" too, ASCII only as the server lowers a search's prefix (a database in tr_TR would lower I to a dotless i). A search that asked a collation-aware index would read the whole table. Built while writers of users wait (well under a second at 100,000 users).
CREATE INDEX users_username_prefix_idx ON users ((lower(username COLLATE "C") COLLATE "C"));
CREATE INDEX users_email_prefix_idx ON users ((email COLLATE "C"));
ANALYZE users;
--rollback DROP INDEX users_email_prefix_idx;
--rollback DROP INDEX users_username_prefix_idx;
