-- An SMS whose request a provider may have accepted without answering (a read timeout) is offered to
-- that provider only, with the same idempotency key, until it answers or pinned_until has passed.
ALTER TABLE delivery ADD COLUMN pinned_provider varchar(32);
ALTER TABLE delivery ADD COLUMN pinned_until timestamptz;
