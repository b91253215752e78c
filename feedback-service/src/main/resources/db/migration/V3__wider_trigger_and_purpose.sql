-- Trigger names such as INCIDENT_RESOLVED need more than 16 characters.
ALTER TABLE invitation ALTER COLUMN trigger TYPE varchar(32);
ALTER TABLE invitation ALTER COLUMN channel TYPE varchar(32);
ALTER TABLE survey_response ALTER COLUMN channel TYPE varchar(32);
ALTER TABLE response_rollup ALTER COLUMN channel TYPE varchar(32);
ALTER TABLE scheduled_send ALTER COLUMN channel TYPE varchar(32);
ALTER TABLE survey ALTER COLUMN purpose TYPE varchar(32);
ALTER TABLE scheduled_send ALTER COLUMN purpose TYPE varchar(32);
