-- Incidents this service knows from incident-service's events (a projection; never written by the API).
CREATE TABLE known_incident (
    id           uuid PRIMARY KEY,
    title        varchar(200)   NOT NULL,
    severity     varchar(16)    NOT NULL,
    detected_at  timestamptz    NOT NULL,
    aware_at     timestamptz    NOT NULL,
    declared_at  timestamptz    NOT NULL,
    recorded_at  timestamptz    NOT NULL
);
CREATE INDEX known_incident_declared_at ON known_incident (declared_at DESC);

-- Transactional outbox: events written with the change, published by the relay in seq order.
CREATE TABLE outbox_event (
    id             uuid PRIMARY KEY,
    seq            bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    aggregate_type varchar(64)  NOT NULL,
    aggregate_id   varchar(128) NOT NULL,
    type           varchar(128) NOT NULL,
    occurred_at    timestamptz  NOT NULL,
    payload        jsonb        NOT NULL,
    published_at   timestamptz
);
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;

-- Inbox: ids of the events this service has applied.
CREATE TABLE inbox_event (
    event_id    uuid PRIMARY KEY,
    received_at timestamptz NOT NULL
);
