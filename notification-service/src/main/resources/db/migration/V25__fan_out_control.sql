-- An incident commander can pause, resume and cancel a running fan-out. While a message is paused its
-- waiting deliveries are PAUSED (claims take only QUEUED ones); cancelling makes them CANCELLED, never sent.
ALTER TABLE message ADD COLUMN paused_at timestamptz;
ALTER TABLE message ADD COLUMN cancelled_at timestamptz;
-- Who paused, resumed or cancelled it last (the token's subject), and when.
ALTER TABLE message ADD COLUMN controlled_by text;
ALTER TABLE message ADD COLUMN controlled_at timestamptz;
CREATE INDEX delivery_paused ON delivery (message_id) WHERE status = 'PAUSED';
