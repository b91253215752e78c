-- Messages keep the order they were written in, also when two share a timestamp.
ALTER TABLE ticket_message ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
DROP INDEX ticket_message_ticket;
CREATE INDEX ticket_message_ticket ON ticket_message (ticket_id, seq);
