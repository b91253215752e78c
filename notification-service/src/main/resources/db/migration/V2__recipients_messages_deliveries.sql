-- What the breach notice needs from incident-service's facts.
ALTER TABLE known_incident ADD COLUMN summaries jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE known_incident ADD COLUMN data_categories varchar(400) NOT NULL DEFAULT '';
ALTER TABLE known_incident ADD COLUMN high_risk boolean NOT NULL DEFAULT false;
-- The message that carried the Art. 34 notice, once one went out for this incident.
ALTER TABLE known_incident ADD COLUMN breach_notice_message_id uuid;

-- Recipients: affected customers (id = customer id) and public subscribers (id = 'subscriber:' + id).
-- The only place that holds contact details; a row is deleted on erasure or unsubscription.
CREATE TABLE recipient (
    id            varchar(160) PRIMARY KEY,
    kind          varchar(16)  NOT NULL,
    name          varchar(200),
    email         varchar(320),
    phone         varchar(32),
    locale        varchar(35)  NOT NULL,
    country       varchar(2),
    region        varchar(6),
    time_zone     varchar(64)  NOT NULL,
    email_opt_out boolean      NOT NULL DEFAULT false,
    sms_opt_out   boolean      NOT NULL DEFAULT false,
    -- A public subscriber's signed unsubscribe link, carried by every message to them.
    unsubscribe_url varchar(1000),
    updated_at    timestamptz  NOT NULL
);
CREATE INDEX recipient_subscribers ON recipient (id) WHERE kind = 'SUBSCRIBER';

-- Which customers an incident affects: the fan-out walks this in recipient order.
CREATE TABLE incident_recipient (
    incident_id  uuid         NOT NULL,
    recipient_id varchar(160) NOT NULL,
    PRIMARY KEY (incident_id, recipient_id)
);
CREATE INDEX incident_recipient_by_recipient ON incident_recipient (recipient_id);

-- One logical message: a status update revision for its audience, or one notification request.
-- source_key makes a redelivered update or request the same message.
CREATE TABLE message (
    id            uuid PRIMARY KEY,
    source_key    varchar(260) NOT NULL UNIQUE,
    message_type  varchar(64)  NOT NULL,
    incident_id   uuid,
    update_id     uuid,
    revision      integer,
    audience      varchar(16)  NOT NULL,
    requested_by  varchar(64)  NOT NULL,
    content       jsonb        NOT NULL,
    mandatory     boolean      NOT NULL,
    urgent        boolean      NOT NULL,
    published_at  timestamptz  NOT NULL,
    created_at    timestamptz  NOT NULL,
    -- The fan-out resumes after the last recipient id it finished; null when it has not started.
    fan_out_cursor varchar(160),
    fanned_out_at timestamptz,
    completed_at  timestamptz,
    -- What the last progress event said, so an unchanged count is not announced again.
    reported      varchar(200)
);
CREATE INDEX message_fanning_out ON message (created_at) WHERE fanned_out_at IS NULL AND audience <> 'DIRECT';
CREATE INDEX message_incomplete ON message (created_at) WHERE completed_at IS NULL AND audience <> 'DIRECT';
CREATE INDEX message_by_update ON message (update_id, revision);

-- One message to one person on one channel. The id is the idempotency key: derived from
-- (message, recipient, channel), so a repeated fan-out can never create a second row.
CREATE TABLE delivery (
    id              uuid PRIMARY KEY,
    message_id      uuid         NOT NULL REFERENCES message (id),
    recipient_id    varchar(160),
    -- A direct address (staff mailbox, a number given in a request); null for known recipients.
    address         varchar(320),
    channel         varchar(8)   NOT NULL,
    locale          varchar(35)  NOT NULL,
    status          varchar(16)  NOT NULL,
    attempts        smallint     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL,
    lease_until     timestamptz,
    provider        varchar(32),
    provider_ref    varchar(200),
    last_error      varchar(300),
    sent_at         timestamptz,
    finished_at     timestamptz
);
-- The workers' claim query: due work per channel, oldest first.
CREATE INDEX delivery_due ON delivery (channel, next_attempt_at) WHERE status = 'QUEUED';
-- Recovery after a crash: claims whose lease ran out.
CREATE INDEX delivery_in_flight ON delivery (lease_until) WHERE status = 'IN_FLIGHT';
-- Progress counts per message.
CREATE INDEX delivery_progress ON delivery (message_id, status);
CREATE INDEX delivery_by_recipient ON delivery (recipient_id) WHERE recipient_id IS NOT NULL;
CREATE INDEX delivery_by_provider_ref ON delivery (provider_ref) WHERE provider_ref IS NOT NULL;
