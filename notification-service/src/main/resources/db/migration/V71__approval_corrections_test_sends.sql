-- How many people an update's message was addressed to when it was created; past the approval threshold
-- it waits (nothing is fanned out) until a second incident commander, not its author, approves it.
ALTER TABLE message ADD COLUMN audience_size bigint;
ALTER TABLE message ADD COLUMN approval_required boolean NOT NULL DEFAULT false;
ALTER TABLE message ADD COLUMN approved_by text;
ALTER TABLE message ADD COLUMN approved_at timestamptz;
-- A correction (a later revision of an update that was sent) goes to the people earlier revisions reached.
ALTER TABLE message ADD COLUMN corrects uuid REFERENCES message (id);
-- A test send of an update's message to named staff: sent through the real transports, never counted
-- as a delivery to customers (no outcome events, not part of the incident's counts).
ALTER TABLE message ADD COLUMN test_of uuid REFERENCES message (id);
CREATE INDEX message_awaiting_approval ON message (created_at) WHERE approval_required AND approved_at IS NULL;
