-- What the deadline engine computed, kept beside a due time a compliance officer set by hand.
ALTER TABLE obligation
    ADD COLUMN computed_due_at        timestamptz,
    ADD COLUMN computed_asap          boolean,
    ADD COLUMN catalogue_version      varchar(64),
    ADD COLUMN manual                 boolean      NOT NULL DEFAULT false,
    ADD COLUMN overridden             boolean      NOT NULL DEFAULT false,
    ADD COLUMN override_reason        text,
    ADD COLUMN override_by            varchar(200),
    ADD COLUMN override_at            timestamptz,
    -- The computed due time when the override was set: a later recalculation that differs is flagged.
    ADD COLUMN override_basis_due_at  timestamptz,
    ADD COLUMN override_basis_asap    boolean;

UPDATE obligation SET computed_due_at = due_at, computed_asap = asap;

-- Several manual obligations may go to the same recipient; computed ones stay one per regime and recipient.
ALTER TABLE obligation DROP CONSTRAINT obligation_once;
CREATE UNIQUE INDEX obligation_once ON obligation (incident_id, regime, recipient) WHERE NOT manual;

-- Undated duties ("without undue delay") are reminded at a cadence: each slot is claimed like a reminder.
CREATE INDEX obligation_open_undated ON obligation (trigger_at) WHERE status = 'OPEN' AND due_at IS NULL;
