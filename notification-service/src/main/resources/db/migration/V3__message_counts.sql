-- The counts of each message as the progress reporter last took them (and receipts since), so an
-- incident's summary adds up a few message rows instead of counting millions of deliveries.
ALTER TABLE message ADD COLUMN total_count     bigint NOT NULL DEFAULT 0;
ALTER TABLE message ADD COLUMN sent_count      bigint NOT NULL DEFAULT 0;
ALTER TABLE message ADD COLUMN delivered_count bigint NOT NULL DEFAULT 0;
ALTER TABLE message ADD COLUMN failed_count    bigint NOT NULL DEFAULT 0;
ALTER TABLE message ADD COLUMN bounced_count   bigint NOT NULL DEFAULT 0;
ALTER TABLE message ADD COLUMN pending_count   bigint NOT NULL DEFAULT 0;
CREATE INDEX message_by_incident ON message (incident_id, created_at) WHERE incident_id IS NOT NULL;
