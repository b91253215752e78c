-- Queues: where tickets wait, the skills an agent needs to take them, and the SLA calendar.
CREATE TABLE support_queue (
    code            varchar(64)  PRIMARY KEY,
    name            varchar(200) NOT NULL,
    skills          text[]       NOT NULL DEFAULT '{}',
    -- NULL business hours mean the queue is staffed 24/7.
    business_start  time,
    business_end    time,
    business_days   varchar(32),
    time_zone       varchar(64)  NOT NULL DEFAULT 'UTC',
    auto_assign     boolean      NOT NULL DEFAULT true
);
INSERT INTO support_queue (code, name, skills, business_start, business_end, business_days, time_zone) VALUES
    ('breach-hotline', 'Breach hotline', '{breach}', NULL, NULL, NULL, 'UTC'),
    ('general', 'General', '{}', '09:00', '17:00', 'MON,TUE,WED,THU,FRI', 'Europe/Berlin');

-- SLA targets per priority, in minutes of the queue's calendar.
CREATE TABLE sla_policy (
    priority                 varchar(16) PRIMARY KEY,
    first_response_minutes   integer NOT NULL CHECK (first_response_minutes > 0),
    next_response_minutes    integer NOT NULL CHECK (next_response_minutes > 0),
    resolution_minutes       integer NOT NULL CHECK (resolution_minutes > 0)
);
INSERT INTO sla_policy VALUES
    ('URGENT', 15, 30, 240),
    ('HIGH', 60, 120, 1440),
    ('NORMAL', 240, 480, 4320),
    ('LOW', 1440, 1440, 10080);

-- Agents and their capacity (open tickets at once) and skills.
CREATE TABLE agent (
    id                varchar(128) PRIMARY KEY,
    capacity          integer      NOT NULL CHECK (capacity >= 0),
    skills            text[]       NOT NULL DEFAULT '{}',
    active            boolean      NOT NULL DEFAULT true,
    last_assigned_at  timestamptz
);

-- A "problem": many tickets about the same thing in one incident, answered and resolved together.
CREATE TABLE support_problem (
    id           uuid PRIMARY KEY,
    incident_id  uuid         NOT NULL,
    title        varchar(200) NOT NULL,
    created_at   timestamptz  NOT NULL
);

CREATE TABLE ticket (
    id                     uuid PRIMARY KEY,
    -- A monotonically growing number: the cursor of the list API.
    seq                    bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    channel                varchar(16)  NOT NULL,
    status                 varchar(24)  NOT NULL,
    priority               varchar(16)  NOT NULL,
    queue                  varchar(64)  NOT NULL REFERENCES support_queue (code),
    subject                varchar(200) NOT NULL,
    customer_id            varchar(128),
    locale                 varchar(16)  NOT NULL,
    country                varchar(2),
    incident_id            uuid,
    problem_id             uuid REFERENCES support_problem (id),
    assignee               varchar(128),
    created_at             timestamptz  NOT NULL,
    updated_at             timestamptz  NOT NULL,
    resolved_at            timestamptz,
    closed_at              timestamptz,
    first_responded_at     timestamptz,
    -- SLA clock: calendar seconds consumed while running, and since when it runs (NULL = paused or stopped).
    sla_consumed_seconds   bigint       NOT NULL DEFAULT 0,
    sla_running_since      timestamptz,
    -- Consumed seconds at the customer's latest unanswered message (the next-response clock), or NULL.
    awaiting_reply_from    bigint,
    sla_at_risk            boolean      NOT NULL DEFAULT false,
    sla_breached           boolean      NOT NULL DEFAULT false,
    -- Which targets have breached already, so each raises its event once (comma-separated).
    sla_breached_targets   varchar(100) NOT NULL DEFAULT '',
    sla_at_risk_targets    varchar(100) NOT NULL DEFAULT '',
    sla_next_check_at      timestamptz,
    version                bigint       NOT NULL DEFAULT 0
);
CREATE INDEX ticket_status_seq ON ticket (status, seq DESC);
CREATE INDEX ticket_queue_seq ON ticket (queue, seq DESC);
CREATE INDEX ticket_incident_seq ON ticket (incident_id, seq DESC);
CREATE INDEX ticket_assignee_open ON ticket (assignee, status);
CREATE INDEX ticket_problem ON ticket (problem_id);
CREATE INDEX ticket_breached_seq ON ticket (seq DESC) WHERE sla_breached;
CREATE INDEX ticket_sla_check ON ticket (sla_next_check_at) WHERE sla_next_check_at IS NOT NULL;
CREATE INDEX ticket_customer ON ticket (customer_id);

-- Replies, internal notes and customer messages (a chat's transcript too).
CREATE TABLE ticket_message (
    id          uuid PRIMARY KEY,
    ticket_id   uuid          NOT NULL REFERENCES ticket (id),
    kind        varchar(24)   NOT NULL,
    author      varchar(128)  NOT NULL,
    body        varchar(10000) NOT NULL,
    created_at  timestamptz   NOT NULL
);
CREATE INDEX ticket_message_ticket ON ticket_message (ticket_id, created_at);

-- Every change of a ticket, append-only: the database refuses to change or delete a row.
CREATE TABLE ticket_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id   uuid         NOT NULL REFERENCES ticket (id),
    at          timestamptz  NOT NULL,
    actor       varchar(128) NOT NULL,
    action      varchar(32)  NOT NULL,
    detail      varchar(1000) NOT NULL
);
CREATE INDEX ticket_history_ticket ON ticket_history (ticket_id, id);

CREATE FUNCTION ticket_history_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ticket_history is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER ticket_history_append_only BEFORE UPDATE OR DELETE ON ticket_history
    FOR EACH ROW EXECUTE FUNCTION ticket_history_is_append_only();

-- Canned answers per incident and locale (the incident's FAQ), kept current by supervisors.
CREATE TABLE macro (
    id           uuid PRIMARY KEY,
    incident_id  uuid,
    -- The same answer in several locales shares a key, e.g. "password-reset".
    macro_key    varchar(100)  NOT NULL,
    locale       varchar(16)   NOT NULL,
    title        varchar(200)  NOT NULL,
    body         varchar(10000) NOT NULL,
    updated_by   varchar(128)  NOT NULL,
    updated_at   timestamptz   NOT NULL
);
CREATE UNIQUE INDEX macro_incident_key_locale
    ON macro (coalesce(incident_id, '00000000-0000-0000-0000-000000000000'), macro_key, locale);

-- The incident's phase, so that only an incident still in progress is suggested for new tickets.
ALTER TABLE known_incident ADD COLUMN phase varchar(16) NOT NULL DEFAULT 'DETECTED';

-- Tickets waiting for an agent, oldest first.
CREATE INDEX ticket_unassigned ON ticket (seq) WHERE assignee IS NULL AND status IN ('NEW', 'OPEN', 'PENDING_CUSTOMER');

-- Affected customers, from incident-service's events: eligibility for assistance offers. Ids, locale and country only.
CREATE TABLE affected_customer (
    incident_id  uuid         NOT NULL,
    customer_id  varchar(128) NOT NULL,
    locale       varchar(16)  NOT NULL,
    country      varchar(2),
    added_at     timestamptz  NOT NULL,
    PRIMARY KEY (incident_id, customer_id)
);
CREATE INDEX affected_customer_customer ON affected_customer (customer_id);

-- Assistance offers per incident, e.g. 24 months of credit monitoring.
CREATE TABLE assistance_offer (
    id            uuid PRIMARY KEY,
    incident_id   uuid         NOT NULL,
    kind          varchar(40)  NOT NULL,
    name          varchar(200) NOT NULL,
    provider      varchar(200) NOT NULL,
    valid_months  integer      NOT NULL CHECK (valid_months > 0),
    created_at    timestamptz  NOT NULL
);

-- The offer's pool of activation codes from the provider. A code goes to at most one customer
-- (one row per code) and a customer gets at most one code per offer (the unique constraint).
CREATE TABLE activation_code (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    offer_id      uuid          NOT NULL REFERENCES assistance_offer (id),
    code          varchar(100)  NOT NULL,
    imported_at   timestamptz   NOT NULL,
    grant_id      uuid UNIQUE,
    customer_id   varchar(128),
    granted_at    timestamptz,
    activated_at  timestamptz,
    UNIQUE (offer_id, code),
    UNIQUE (offer_id, customer_id),
    CHECK ((customer_id IS NULL) = (grant_id IS NULL))
);
CREATE INDEX activation_code_free ON activation_code (offer_id, id) WHERE customer_id IS NULL;

-- Compensation claims: a supervisor approves those above the configured threshold.
CREATE TABLE compensation_claim (
    id             uuid PRIMARY KEY,
    ticket_id      uuid REFERENCES ticket (id),
    incident_id    uuid,
    customer_id    varchar(128)  NOT NULL,
    amount         numeric(12,2) NOT NULL CHECK (amount > 0),
    currency       varchar(3)    NOT NULL,
    reason         varchar(2000) NOT NULL,
    evidence       varchar(4000),
    status         varchar(24)   NOT NULL,
    submitted_by   varchar(128)  NOT NULL,
    submitted_at   timestamptz   NOT NULL,
    decided_by     varchar(128),
    decided_at     timestamptz,
    decision_note  varchar(2000)
);
CREATE INDEX compensation_claim_status ON compensation_claim (status, submitted_at);
CREATE INDEX compensation_claim_customer ON compensation_claim (customer_id);

-- Live chats: each is a CHAT ticket; the transcript is the ticket's messages.
CREATE TABLE chat_session (
    id                        uuid PRIMARY KEY,
    seq                       bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    ticket_id                 uuid         NOT NULL REFERENCES ticket (id),
    status                    varchar(16)  NOT NULL,
    locale                    varchar(16)  NOT NULL,
    agent                     varchar(128),
    created_at                timestamptz  NOT NULL,
    accepted_at               timestamptz,
    ended_at                  timestamptz,
    verified_customer_id      varchar(128),
    verified_by               varchar(16),
    -- A pending one-time code: the customer it was sent to and its HMAC, never the code itself.
    pending_customer_id       varchar(128),
    code_hmac                 varchar(128),
    code_expires_at           timestamptz,
    code_attempts             integer      NOT NULL DEFAULT 0
);
CREATE INDEX chat_session_waiting ON chat_session (seq) WHERE status = 'WAITING';
