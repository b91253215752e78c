-- Signed checkpoints of the audit chain: the head entry, how many entries, the head's hash and when, signed with
-- an Ed25519 key that is not in this database (key_id: SHA-256 of its public key). Whoever rewrites audit_entry
-- cannot make a checkpoint that verifies, so a truncated or re-hashed chain no longer matches the last one.
CREATE TABLE audit_checkpoint (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    head_seq     bigint       NOT NULL,
    entry_count  bigint       NOT NULL,
    head_hash    varchar(64)  NOT NULL,
    created_at   timestamptz  NOT NULL,
    key_id       varchar(64)  NOT NULL,
    signature    text         NOT NULL,
    CONSTRAINT audit_checkpoint_once UNIQUE (head_seq, key_id)
);
