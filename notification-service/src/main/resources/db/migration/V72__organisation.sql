-- The organisation's public identity from compliance-service's organisation profile
-- (candor.compliance.organisation-profile-changed.v1): the name messages are signed with, the DPO's contact, the
-- hotline and its support hours. One row: a later profile replaces it; until the first arrives, the configured
-- candor.notification.organisation and dpo-contact are used.
CREATE TABLE organisation (
    id            smallint     PRIMARY KEY CHECK (id = 1),
    legal_name    varchar(200) NOT NULL,
    dpo_name      varchar(200) NOT NULL,
    dpo_email     varchar(320) NOT NULL,
    dpo_phone     varchar(32),
    hotline       varchar(32),
    support_hours jsonb        NOT NULL DEFAULT '{}'::jsonb,
    changed_at    timestamptz  NOT NULL,
    received_at   timestamptz  NOT NULL
);
