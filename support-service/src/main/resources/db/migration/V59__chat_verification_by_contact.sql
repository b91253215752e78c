-- Customers verify themselves in chat by the email address or phone number on record. Only a keyed
-- hash (HMAC-SHA256 of the normalised address) is kept, never the address: enough to find the customer
-- an address belongs to, useless to anyone without the service's verification secret.
CREATE TABLE customer_contact (
    customer_id  varchar(128) PRIMARY KEY,
    email_hash   varchar(64),
    phone_hash   varchar(64)
);
CREATE INDEX customer_contact_email ON customer_contact (email_hash);
CREATE INDEX customer_contact_phone ON customer_contact (phone_hash);

-- Every verification code sent to a customer, for the per-customer limit per hour (any chat session).
CREATE TABLE verification_code_sent (
    customer_id  varchar(128) NOT NULL,
    sent_at      timestamptz  NOT NULL
);
CREATE INDEX verification_code_sent_customer ON verification_code_sent (customer_id, sent_at);

-- Per chat session: how many codes were asked for (resends included), and whether verification ended
-- after too many wrong codes. code_attempts now counts wrong codes over every code of the session.
ALTER TABLE chat_session ADD COLUMN codes_requested integer NOT NULL DEFAULT 0;
ALTER TABLE chat_session ADD COLUMN verification_locked boolean NOT NULL DEFAULT false;
ALTER TABLE chat_session ADD COLUMN code_channel varchar(8);
