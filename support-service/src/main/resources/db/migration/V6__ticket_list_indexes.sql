-- The ticket list filters by status together with channel or queue, newest first by seq. Without an
-- index that covers both columns and the order, PostgreSQL walks the seq index backwards and skips every
-- newer ticket that does not match, a cost that grows with each ticket of another channel or queue.
CREATE INDEX ticket_status_channel_seq ON ticket (status, channel, seq DESC);
CREATE INDEX ticket_status_queue_seq ON ticket (status, queue, seq DESC);

-- A customer's tickets, and an agent's tickets by status, in list order: no sort, and the cursor is an
-- index condition. The agent index still serves counting an agent's active tickets (its first two columns).
CREATE INDEX ticket_customer_seq ON ticket (customer_id, seq DESC);
DROP INDEX ticket_customer;
CREATE INDEX ticket_assignee_status_seq ON ticket (assignee, status, seq DESC);
DROP INDEX ticket_assignee_open;

-- Closing resolved tickets past their reopen window looks only at resolved ones by resolution time,
-- instead of reading every resolved ticket each round.
CREATE INDEX ticket_resolved_at ON ticket (resolved_at) WHERE status = 'RESOLVED';
