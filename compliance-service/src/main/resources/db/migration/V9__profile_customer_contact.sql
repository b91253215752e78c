-- The public contact customers are given with the organisation's identity: the hotline (international format)
-- and when it is staffed, a short text per language. Both optional.
ALTER TABLE organisation_profile ADD COLUMN hotline varchar(32);
ALTER TABLE organisation_profile ADD COLUMN support_hours jsonb NOT NULL DEFAULT '{}'::jsonb;
