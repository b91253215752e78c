-- A survey and its immutable versions: a response points at the version it answered.
CREATE TABLE survey (
    id              uuid PRIMARY KEY,
    name            varchar(120) NOT NULL UNIQUE,
    purpose         varchar(16)  NOT NULL,
    anonymous       boolean      NOT NULL,
    current_version int          NOT NULL,
    created_at      timestamptz  NOT NULL
);

CREATE TABLE survey_version (
    survey_id   uuid        NOT NULL REFERENCES survey (id),
    version     int         NOT NULL,
    definition  jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (survey_id, version)
);

-- What surveys need to know about a person: never contact details.
CREATE TABLE survey_customer (
    customer_id     varchar(128) PRIMARY KEY,
    locale          varchar(16)  NOT NULL,
    country         varchar(2)   NOT NULL,
    region          varchar(8),
    segment         varchar(64)  NOT NULL,
    opted_out_at    timestamptz,
    last_invited_at timestamptz
);

CREATE TABLE customer_incident (
    customer_id varchar(128) NOT NULL REFERENCES survey_customer (customer_id) ON DELETE CASCADE,
    incident_id uuid         NOT NULL,
    PRIMARY KEY (incident_id, customer_id)
);

-- Survey sends that are due later: a ticket's satisfaction survey, an incident's waves.
CREATE TABLE scheduled_send (
    id           uuid PRIMARY KEY,
    purpose      varchar(16)  NOT NULL,
    incident_id  uuid,
    customer_id  varchar(128),
    wave         int          NOT NULL,
    channel      varchar(16),
    locale       varchar(16),
    country      varchar(2),
    due_at       timestamptz  NOT NULL,
    done_at      timestamptz,
    source_key   varchar(200) NOT NULL UNIQUE
);
CREATE INDEX scheduled_send_due ON scheduled_send (due_at) WHERE done_at IS NULL;

-- One personal invitation. customer_id is cleared when an anonymous survey is answered or the person is erased.
CREATE TABLE invitation (
    id               uuid PRIMARY KEY,
    survey_id        uuid         NOT NULL REFERENCES survey (id),
    survey_version   int          NOT NULL,
    customer_id      varchar(128),
    incident_id      uuid,
    wave             int          NOT NULL,
    trigger          varchar(16)  NOT NULL,
    locale           varchar(16)  NOT NULL,
    country          varchar(2)   NOT NULL,
    segment          varchar(64)  NOT NULL,
    channel          varchar(16)  NOT NULL,
    invited_at       timestamptz  NOT NULL,
    expires_at       timestamptz  NOT NULL,
    opened_at        timestamptz,
    answered_at      timestamptz,
    reminded_at      timestamptz
);
CREATE INDEX invitation_survey ON invitation (survey_id);
CREATE INDEX invitation_customer ON invitation (customer_id);
CREATE INDEX invitation_unanswered ON invitation (invited_at) WHERE answered_at IS NULL AND reminded_at IS NULL;

-- One response per invitation; only segment attributes, never a person.
CREATE TABLE survey_response (
    id              uuid PRIMARY KEY,
    invitation_id   uuid         NOT NULL UNIQUE REFERENCES invitation (id),
    survey_id       uuid         NOT NULL,
    survey_version  int          NOT NULL,
    incident_id     uuid,
    wave            int          NOT NULL,
    locale          varchar(16)  NOT NULL,
    country         varchar(2)   NOT NULL,
    segment         varchar(64)  NOT NULL,
    channel         varchar(16)  NOT NULL,
    nps             smallint,
    csat            smallint,
    trust           smallint,
    contact_consent boolean      NOT NULL DEFAULT false,
    answers         jsonb        NOT NULL,
    started_at      timestamptz  NOT NULL,
    submitted_at    timestamptz
);
CREATE INDEX survey_response_survey_submitted ON survey_response (survey_id, submitted_at);

-- Counts per day and segment of submitted responses, kept with each submission, so that
-- statistics never scan the responses. incident_id uses the nil UUID for "none".
CREATE TABLE response_rollup (
    survey_id   uuid        NOT NULL,
    incident_id uuid        NOT NULL,
    wave        int         NOT NULL,
    day         date        NOT NULL,
    locale      varchar(16) NOT NULL,
    country     varchar(2)  NOT NULL,
    segment     varchar(64) NOT NULL,
    channel     varchar(16) NOT NULL,
    responses   int         NOT NULL,
    nps_counts  int[]       NOT NULL,
    csat_counts int[]       NOT NULL,
    trust_counts int[]      NOT NULL,
    PRIMARY KEY (survey_id, incident_id, wave, day, locale, country, segment, channel)
);

-- The last score published per incident, so that a score event goes out only when it changed.
CREATE TABLE incident_score (
    incident_id  uuid PRIMARY KEY,
    responses    int           NOT NULL,
    nps          numeric(6, 2),
    trust_mean   numeric(4, 2),
    published_at timestamptz   NOT NULL
);
