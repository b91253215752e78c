-- A pending subscription lives until its confirmation link (or code) expires, then it is deleted.
ALTER TABLE subscriber ADD COLUMN expires_at timestamptz;
UPDATE subscriber SET expires_at = created_at + interval '48 hours' WHERE status = 'PENDING';
CREATE INDEX subscriber_pending_expiry ON subscriber (expires_at) WHERE status = 'PENDING';

-- Every confirmation message sent, per address or number (an HMAC of it, never the address itself), for the
-- limit of 3 per 24 hours. Kept apart from the subscriber so that deleting an expired pending subscription
-- does not reset the count; rows older than a day are deleted.
CREATE TABLE subscription_confirmation_sent (
    contact_digest  varchar(64)  NOT NULL,
    sent_at         timestamptz  NOT NULL
);
CREATE INDEX subscription_confirmation_sent_contact ON subscription_confirmation_sent (contact_digest, sent_at);
