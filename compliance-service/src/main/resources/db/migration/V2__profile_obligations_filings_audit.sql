-- The organisation: one row.
CREATE TABLE organisation_profile (
    id                 smallint PRIMARY KEY CHECK (id = 1),
    legal_name         varchar(200) NOT NULL,
    establishments     jsonb        NOT NULL,
    lead_authority     varchar(200) NOT NULL,
    dpo_name           varchar(200) NOT NULL,
    dpo_email          varchar(320) NOT NULL,
    dpo_phone          varchar(32),
    officer_emails     jsonb        NOT NULL,
    locale             varchar(8)   NOT NULL,
    timezone           varchar(64)  NOT NULL,
    flags              jsonb        NOT NULL,
    updated_at         timestamptz  NOT NULL,
    updated_by         varchar(200) NOT NULL
);

-- What incident events tell about an incident beyond its declaration.
ALTER TABLE known_incident
    ADD COLUMN summary          text,
    ADD COLUMN data_categories  jsonb,
    ADD COLUMN risk_level       varchar(32),
    ADD COLUMN high_risk        boolean NOT NULL DEFAULT false,
    ADD COLUMN likely_consequences text,
    ADD COLUMN population       jsonb,
    ADD COLUMN total_affected   bigint,
    ADD COLUMN population_as_of timestamptz;

-- Each trigger of an incident, stored separately (awareness comes from the declaration).
CREATE TABLE incident_trigger (
    incident_id  uuid         NOT NULL REFERENCES known_incident (id),
    trigger      varchar(80)  NOT NULL,
    occurred_at  timestamptz  NOT NULL,
    recorded_by  varchar(200) NOT NULL,
    recorded_at  timestamptz  NOT NULL,
    PRIMARY KEY (incident_id, trigger)
);

-- One obligation per incident, regime and recipient.
CREATE TABLE obligation (
    id               uuid PRIMARY KEY,
    incident_id      uuid         NOT NULL REFERENCES known_incident (id),
    regime           varchar(64)  NOT NULL,
    recipient        varchar(200) NOT NULL,
    trigger          varchar(80)  NOT NULL,
    trigger_assumed  boolean      NOT NULL,
    trigger_at       timestamptz  NOT NULL,
    due_at           timestamptz,
    timezone         varchar(64)  NOT NULL,
    asap             boolean      NOT NULL,
    phased           boolean      NOT NULL,
    status           varchar(16)  NOT NULL,
    justification    text,
    citation         text         NOT NULL,
    notes            text,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    CONSTRAINT obligation_once UNIQUE (incident_id, regime, recipient)
);
CREATE INDEX obligation_open_due ON obligation (due_at) WHERE status = 'OPEN';

-- A reminder or overdue notice claimed by exactly one replica, in the transaction that writes its events.
CREATE TABLE reminder_sent (
    obligation_id uuid        NOT NULL REFERENCES obligation (id),
    kind          varchar(16) NOT NULL,
    due_at        timestamptz NOT NULL,
    sent_at       timestamptz NOT NULL,
    PRIMARY KEY (obligation_id, kind, due_at)
);

-- Reports submitted to a recipient; phased reporting gives several per obligation.
CREATE TABLE filing (
    id               uuid PRIMARY KEY,
    obligation_id    uuid         NOT NULL REFERENCES obligation (id),
    phase            varchar(16)  NOT NULL,
    submitted_at     timestamptz  NOT NULL,
    channel          varchar(100) NOT NULL,
    reference        varchar(200) NOT NULL,
    document_sha256  varchar(64)     NOT NULL,
    filed_by         varchar(200) NOT NULL,
    late             boolean      NOT NULL,
    late_reason      text,
    recorded_at      timestamptz  NOT NULL
);
CREATE INDEX filing_obligation ON filing (obligation_id, submitted_at);

-- Evidence that affected people were told (ids only).
CREATE TABLE delivery_evidence (
    delivery_id   uuid PRIMARY KEY,
    incident_id   uuid        NOT NULL,
    customer_id   varchar(128),
    message_type  varchar(100) NOT NULL,
    channel       varchar(8)   NOT NULL,
    delivered_at  timestamptz  NOT NULL
);
CREATE INDEX delivery_evidence_incident ON delivery_evidence (incident_id);

-- Append-only audit log; each entry's hash covers the previous hash and the entry's canonical form.
CREATE TABLE audit_entry (
    seq          bigint PRIMARY KEY,
    occurred_at  timestamptz  NOT NULL,
    actor        varchar(200) NOT NULL,
    action       varchar(64)  NOT NULL,
    subject      varchar(200) NOT NULL,
    details      text         NOT NULL,
    prev_hash    varchar(64)     NOT NULL,
    hash         varchar(64)     NOT NULL
);
