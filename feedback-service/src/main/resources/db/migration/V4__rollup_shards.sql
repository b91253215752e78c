-- Submissions spread their counts over a few rows per key, so concurrent submissions to the same
-- survey, day and segment do not queue behind one row lock. Readers sum over the shards.
ALTER TABLE response_rollup ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE response_rollup DROP CONSTRAINT response_rollup_pkey;
ALTER TABLE response_rollup ADD PRIMARY KEY (survey_id, incident_id, wave, day, locale, country, segment, channel, shard);
