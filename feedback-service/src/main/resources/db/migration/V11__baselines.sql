-- Aggregate scores measured before an incident (imported from earlier surveys or another tool), shown beside
-- each wave. incident_id null: the organisation's baseline, for incidents without their own.
CREATE TABLE baseline (
    id             uuid PRIMARY KEY,
    incident_id    uuid,
    label          varchar(120) NOT NULL,
    measured_from  date         NOT NULL,
    measured_to    date         NOT NULL,
    promoters      int,
    passives       int,
    detractors     int,
    csat_answers   int,
    csat_satisfied int,
    trust_1        int,
    trust_2        int,
    trust_3        int,
    trust_4        int,
    trust_5        int,
    imported_at    timestamptz  NOT NULL
);
CREATE INDEX baseline_incident ON baseline (incident_id, imported_at);
