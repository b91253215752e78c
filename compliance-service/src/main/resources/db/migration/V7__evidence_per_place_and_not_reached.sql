-- Where each affected customer of an incident lives (from the affected-customer topic; no contact details), so that
-- evidence is counted per country and US state / region.
CREATE TABLE customer_place (
    incident_id  uuid         NOT NULL,
    customer_id  varchar(128) NOT NULL,
    country      varchar(2)   NOT NULL,
    region       varchar(8),
    updated_at   timestamptz  NOT NULL,
    PRIMARY KEY (incident_id, customer_id)
);
CREATE INDEX customer_place_customer ON customer_place (customer_id);

-- A mandatory notice that failed on every channel of a person (ids and provider reasons only).
CREATE TABLE not_reached (
    message_id      uuid         NOT NULL,
    customer_id     varchar(128) NOT NULL,
    incident_id     uuid         NOT NULL,
    message_type    varchar(100) NOT NULL,
    attempts        jsonb        NOT NULL,
    not_reached_at  timestamptz  NOT NULL,
    PRIMARY KEY (message_id, customer_id)
);
CREATE INDEX not_reached_incident ON not_reached (incident_id, customer_id);
CREATE INDEX delivery_evidence_incident_customer ON delivery_evidence (incident_id, customer_id);
