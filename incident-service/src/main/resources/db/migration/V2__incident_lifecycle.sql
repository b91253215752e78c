-- The incident's facts: summaries per locale, data categories, systems, vector and experts.
ALTER TABLE incident
    ADD COLUMN summaries        jsonb        NOT NULL DEFAULT '{}',
    ADD COLUMN data_categories  jsonb        NOT NULL DEFAULT '[]',
    ADD COLUMN affected_systems jsonb        NOT NULL DEFAULT '[]',
    ADD COLUMN attack_vector    varchar(500),
    ADD COLUMN experts          jsonb        NOT NULL DEFAULT '[]',
    ADD COLUMN version          bigint       NOT NULL DEFAULT 0;
UPDATE incident SET summaries = jsonb_build_object('en', summary);
ALTER TABLE incident DROP COLUMN summary;

-- Every phase transition, with who made it and when.
CREATE TABLE phase_transition (
    id            uuid PRIMARY KEY,
    incident_id   uuid        NOT NULL REFERENCES incident (id),
    from_phase    varchar(16) NOT NULL,
    to_phase      varchar(16) NOT NULL,
    changed_at    timestamptz NOT NULL,
    changed_by    varchar(200) NOT NULL
);
CREATE INDEX phase_transition_incident ON phase_transition (incident_id, changed_at);

-- The response action log: append-only; a correction is a new entry that references the old one.
CREATE TABLE response_action (
    id            uuid PRIMARY KEY,
    incident_id   uuid         NOT NULL REFERENCES incident (id),
    kind          varchar(32)  NOT NULL,
    description   varchar(5000) NOT NULL,
    occurred_at   timestamptz  NOT NULL,
    recorded_at   timestamptz  NOT NULL,
    actor         varchar(200) NOT NULL,
    corrects      uuid REFERENCES response_action (id)
);
CREATE INDEX response_action_incident ON response_action (incident_id, recorded_at);
CREATE FUNCTION response_action_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'response_action entries are never edited or deleted; record a correction instead';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER response_action_append_only BEFORE UPDATE OR DELETE ON response_action
    FOR EACH ROW EXECUTE FUNCTION response_action_is_append_only();

-- Risk assessments (GDPR Art. 33/34); the latest one counts.
CREATE TABLE risk_assessment (
    id                        uuid PRIMARY KEY,
    incident_id               uuid         NOT NULL REFERENCES incident (id),
    likelihood                varchar(8)   NOT NULL,
    impact                    varchar(8)   NOT NULL,
    risk_level                varchar(20)  NOT NULL,
    high_risk_to_individuals  boolean      NOT NULL,
    rationale                 varchar(5000) NOT NULL,
    assessed_at               timestamptz  NOT NULL,
    assessed_by               varchar(200) NOT NULL
);
CREATE INDEX risk_assessment_incident ON risk_assessment (incident_id, assessed_at DESC);
