-- Finding tickets: sorts by SLA due date, priority and the customer's latest message, and full-text search
-- over subjects and messages.

-- When the first SLA target still open falls due, kept by the service with the SLA clock (NULL while paused).
-- Tickets whose clock runs get it from the SLA check after this migration (the calendars live in the service).
ALTER TABLE ticket ADD COLUMN sla_due_at timestamptz;
-- When the customer last wrote.
ALTER TABLE ticket ADD COLUMN last_customer_message_at timestamptz;
UPDATE ticket SET last_customer_message_at = latest.at
FROM (SELECT ticket_id, max(created_at) AS at FROM ticket_message WHERE kind = 'CUSTOMER_MESSAGE' GROUP BY ticket_id) latest
WHERE latest.ticket_id = ticket.id;

-- Each sort's key expression (the same as in the list's query) with seq as tie-breaker: the list reads the
-- first page in index order, and the cursor, a (key, seq) row comparison, is an index condition.
CREATE INDEX ticket_sla_due_seq ON ticket ((coalesce(sla_due_at, 'infinity'::timestamptz)), seq);
CREATE INDEX ticket_priority_seq ON ticket
    (((CASE priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END)), seq);
CREATE INDEX ticket_last_customer_message_seq ON ticket
    ((coalesce(last_customer_message_at, '-infinity'::timestamptz)) DESC, seq DESC);
-- Tickets whose clock runs but whose due date is not known yet (only those from before this migration).
CREATE INDEX ticket_sla_due_missing ON ticket (seq) WHERE sla_running_since IS NOT NULL AND sla_due_at IS NULL;

-- Full-text search in German and in English: a customer may write either to any desk, so both stemmings are
-- stored and a search matches when either does. Generated columns stay right whoever writes the row.
ALTER TABLE ticket ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('german', subject) || to_tsvector('english', subject)) STORED;
CREATE INDEX ticket_search ON ticket USING gin (search_vector);
ALTER TABLE ticket_message ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('german', body) || to_tsvector('english', body)) STORED;
CREATE INDEX ticket_message_search ON ticket_message USING gin (search_vector);
