-- When a FAILED delivery was put on the dead-letter topic. The relay publishes FAILED rows without it,
-- after their state change has committed, and sets it in the transaction that saw Kafka's acknowledgement.
ALTER TABLE delivery ADD COLUMN dead_lettered_at timestamptz;
-- Deliveries that failed before this column existed were dead-lettered at the time.
UPDATE delivery SET dead_lettered_at = coalesce(finished_at, now()) WHERE status = 'FAILED';
CREATE INDEX delivery_dead_letter_due ON delivery (finished_at) WHERE status = 'FAILED' AND dead_lettered_at IS NULL;
