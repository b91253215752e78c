-- A pending note carries what the rollup and the ResponseReceived event need, so that folding reads
-- nothing but the notes (no lookup of each response among all stored ones).
ALTER TABLE rollup_pending
    ADD COLUMN survey_id      uuid,
    ADD COLUMN survey_version int,
    ADD COLUMN incident_id    uuid,
    ADD COLUMN wave           int,
    ADD COLUMN locale         varchar(16),
    ADD COLUMN country        varchar(2),
    ADD COLUMN segment        varchar(64),
    ADD COLUMN channel        varchar(16),
    ADD COLUMN nps            smallint,
    ADD COLUMN csat           smallint,
    ADD COLUMN trust          smallint,
    ADD COLUMN submitted_at   timestamptz;

UPDATE rollup_pending p SET survey_id = r.survey_id, survey_version = r.survey_version, incident_id = r.incident_id,
    wave = r.wave, locale = r.locale, country = r.country, segment = r.segment, channel = r.channel, nps = r.nps,
    csat = r.csat, trust = r.trust, submitted_at = r.submitted_at
FROM survey_response r
WHERE r.id = p.response_id;

-- Notes of responses that are gone or were never submitted count nothing.
DELETE FROM rollup_pending WHERE submitted_at IS NULL;

ALTER TABLE rollup_pending
    ALTER COLUMN survey_id SET NOT NULL,
    ALTER COLUMN survey_version SET NOT NULL,
    ALTER COLUMN wave SET NOT NULL,
    ALTER COLUMN locale SET NOT NULL,
    ALTER COLUMN country SET NOT NULL,
    ALTER COLUMN segment SET NOT NULL,
    ALTER COLUMN channel SET NOT NULL,
    ALTER COLUMN submitted_at SET NOT NULL;
