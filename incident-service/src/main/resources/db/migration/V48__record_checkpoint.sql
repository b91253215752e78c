-- The latest signed checkpoint of compliance-service's audit chain (candor.compliance.audit-checkpointed.v1),
-- shown on the status page of every incident with a public update. One row: a later checkpoint replaces it.
CREATE TABLE record_checkpoint (
    id              int          PRIMARY KEY CHECK (id = 1),
    checkpoint_id   bigint       NOT NULL,
    head_seq        bigint       NOT NULL,
    entries         bigint       NOT NULL,
    head_hash       varchar(64)  NOT NULL,
    checkpointed_at timestamptz  NOT NULL,
    key_id          varchar(64)  NOT NULL,
    signature       text         NOT NULL,
    received_at     timestamptz  NOT NULL
);

-- The status page shows it: every replica's cached page goes out of date with it.
CREATE TRIGGER record_checkpoint_public_insert AFTER INSERT ON record_checkpoint
    FOR EACH ROW EXECUTE FUNCTION public_status_changed();
CREATE TRIGGER record_checkpoint_public_update AFTER UPDATE ON record_checkpoint
    FOR EACH ROW EXECUTE FUNCTION public_status_changed();
