-- What the organisation says publicly (or to the affected customers), as it happens.
CREATE TABLE status_update (
    id                  uuid PRIMARY KEY,
    incident_id         uuid         NOT NULL REFERENCES incident (id),
    revision            int          NOT NULL,
    status              varchar(16)  NOT NULL,
    audience            varchar(16)  NOT NULL,
    messages            jsonb        NOT NULL,
    notify              boolean      NOT NULL,
    next_update_due_at  timestamptz,
    published_at        timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    published_by        varchar(200) NOT NULL
);
CREATE INDEX status_update_incident ON status_update (incident_id, published_at);

-- The promised cadence: when the next update is due, and which due time was already announced as overdue.
ALTER TABLE incident
    ADD COLUMN next_update_due_at    timestamptz,
    ADD COLUMN overdue_announced_for timestamptz;
CREATE INDEX incident_next_update_due ON incident (next_update_due_at) WHERE next_update_due_at IS NOT NULL;
