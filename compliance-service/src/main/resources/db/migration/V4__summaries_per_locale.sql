-- The incident's summary in every locale incident-service has it in, so that a report draft in German
-- quotes the German summary rather than the English one.
ALTER TABLE known_incident
    ADD COLUMN summaries jsonb;
