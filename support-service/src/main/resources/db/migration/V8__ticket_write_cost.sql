-- What opening a ticket and answering one cost the database, which at a surge of worried customers is
-- written to hundreds of times a second.

-- Lookups by customer, agent, incident or problem never ask for the tickets without one, and many tickets
-- have none (a hotline call before the caller is verified, a queue without round-robin, no problem linked):
-- such rows need no entry in these indexes. Each entry costs on every insert, and again on every update that
-- changes an indexed column (a reply moves the SLA's next check), because such an update writes a new
-- entry into every index of the table.
DROP INDEX ticket_customer_seq;
CREATE INDEX ticket_customer_seq ON ticket (customer_id, seq DESC) WHERE customer_id IS NOT NULL;
DROP INDEX ticket_assignee_status_seq;
CREATE INDEX ticket_assignee_status_seq ON ticket (assignee, status, seq DESC) WHERE assignee IS NOT NULL;
DROP INDEX ticket_incident_seq;
CREATE INDEX ticket_incident_seq ON ticket (incident_id, seq DESC) WHERE incident_id IS NOT NULL;
DROP INDEX ticket_problem;
CREATE INDEX ticket_problem ON ticket (problem_id) WHERE problem_id IS NOT NULL;

-- The foreign key from a ticket to its queue made every insert lock the queue's row (FOR KEY SHARE). With
-- hundreds of tickets a second opened in the same few queues, concurrent transactions share that lock,
-- which PostgreSQL records as a multixact, written and looked up again on every further lock. Queues are
-- never deleted and their codes never change (there is no such operation), and the service checks a
-- ticket's queue against the known queues before writing it (unknown queue: 400 naming the field).
ALTER TABLE ticket DROP CONSTRAINT ticket_queue_fkey;
