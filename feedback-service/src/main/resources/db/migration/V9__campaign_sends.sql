-- A campaign is a scheduled send like a wave: batched, resumable, one invitation per customer (the unique
-- index on (scheduled_send_id, customer_id)). It names its segment and counts what became of each customer.
ALTER TABLE scheduled_send ADD COLUMN segment varchar(64);
ALTER TABLE scheduled_send ADD COLUMN created_at timestamptz;
ALTER TABLE scheduled_send ADD COLUMN invited int NOT NULL DEFAULT 0;
ALTER TABLE scheduled_send ADD COLUMN skipped_fatigue int NOT NULL DEFAULT 0;
ALTER TABLE scheduled_send ADD COLUMN skipped_opted_out int NOT NULL DEFAULT 0;

-- A campaign's next batch: the segment's customers in id order after the last one handled.
CREATE INDEX survey_customer_segment ON survey_customer (segment, customer_id);
