-- People affected by an incident. Contact details live only here (and travel only on the
-- affected-customer topic); an erased customer keeps only country and region, for the counts.
CREATE TABLE affected_customer (
    incident_id  uuid         NOT NULL REFERENCES incident (id),
    customer_id  varchar(100) NOT NULL,
    name         varchar(200),
    email        varchar(254),
    phone        varchar(16),
    locale       varchar(16)  NOT NULL,
    country      char(2)      NOT NULL,
    region       varchar(6),
    segment      varchar(100),
    erased       boolean      NOT NULL DEFAULT false,
    added_at     timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    PRIMARY KEY (incident_id, customer_id)
);
CREATE INDEX affected_customer_customer ON affected_customer (customer_id);

-- Customers who asked for erasure: a later import must not bring their data back.
CREATE TABLE erased_customer (
    customer_id varchar(100) PRIMARY KEY,
    erased_at   timestamptz NOT NULL
);

-- The last affected-population summary published, so an unchanged population publishes nothing.
ALTER TABLE incident ADD COLUMN population_summary jsonb;
