-- What opened a ticket when another service asked for it (e.g. "follow-up:<id>" from feedback-service),
-- so that the same request never opens a second ticket, even when it arrives as a new event.
ALTER TABLE ticket ADD COLUMN origin varchar(100);
CREATE UNIQUE INDEX ticket_origin ON ticket (origin) WHERE origin IS NOT NULL;
