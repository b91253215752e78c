-- Customers linked to an incident after a message to its affected people had already passed them
-- (fanned out, or its cursor beyond their id): the fan-out delivers that message to them too. Only
-- the breach notice and the incident's latest affected update get these rows.
CREATE TABLE fan_out_addition (
    message_id   uuid         NOT NULL REFERENCES message (id),
    recipient_id varchar(160) NOT NULL,
    PRIMARY KEY (message_id, recipient_id)
);
CREATE INDEX fan_out_addition_by_recipient ON fan_out_addition (recipient_id);
