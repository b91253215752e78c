-- The risk assessment's parts, for the notification draft's likely consequences (GDPR Art. 33(3)(c)).
ALTER TABLE known_incident
    ADD COLUMN risk_likelihood  varchar(16),
    ADD COLUMN risk_impact      varchar(16),
    ADD COLUMN risk_assessed_at timestamptz,
    -- Phases the incident went through (contained, eradicated, ...), for the measures taken (Art. 33(3)(d)).
    ADD COLUMN phases           jsonb;
