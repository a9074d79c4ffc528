--liquibase formatted sql

--changeset inkwell:007-backups
--comment: Backups of the database (the archives themselves are files in BACKUP_DIR). At most one runs at a time: the partial unique index refuses a second running row. Backups leave this table's rows out of the archive (pg_dump --exclude-table-data).
CREATE TABLE backups (
    id                  uuid        PRIMARY KEY,   -- also the id of its JobRunr job
    state               text        NOT NULL DEFAULT 'running'
                        CONSTRAINT backups_state_check CHECK (state IN ('running', 'verified', 'failed', 'deleted')),
    file                text,       -- the archive's name in the backup folder
    size_bytes          bigint,
    sha256              text,
    schema_version      text,       -- the newest Liquibase changeSet applied
    server_version      text,
    row_counts          jsonb,      -- table -> rows, counted in the archive's own snapshot
    error               text,
    started_at          timestamptz NOT NULL DEFAULT now(),
    finished_at         timestamptz,
    restore_checked_at  timestamptz,
    restore_check_error text        -- null after a passed check
);
CREATE UNIQUE INDEX backups_one_running_key ON backups ((true)) WHERE state = 'running';
CREATE INDEX backups_started_at_idx ON backups (started_at DESC);
--rollback DROP TABLE backups;
