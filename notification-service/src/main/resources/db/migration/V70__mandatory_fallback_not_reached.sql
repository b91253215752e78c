-- People a mandatory notice did not reach on any channel they have: every channel was tried and failed
-- permanently. The organisation reaches them another way (letter, public communication). One row per
-- message and person; ids, channels and reasons only (no address, no message body).
CREATE TABLE not_reached (
    message_id     uuid         NOT NULL REFERENCES message (id),
    recipient_id   varchar(160) NOT NULL,
    incident_id    uuid,
    message_type   varchar(64)  NOT NULL,
    -- [{"channel": "EMAIL", "reason": "..."}, ...] in the order the channels were tried
    attempts       jsonb        NOT NULL,
    not_reached_at timestamptz  NOT NULL,
    PRIMARY KEY (message_id, recipient_id)
);
CREATE INDEX not_reached_by_incident ON not_reached (incident_id, recipient_id, message_id);
CREATE INDEX not_reached_by_recipient ON not_reached (recipient_id);
