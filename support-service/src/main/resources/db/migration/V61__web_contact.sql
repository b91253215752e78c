-- A ticket from the public contact form has no customer: the address the person gave is where the
-- confirmation and the agent's public replies go. It is not verified, so it never links the ticket to a
-- customer (an agent links one after verifying, as on the phone).
ALTER TABLE ticket ADD COLUMN requester_email varchar(254);
