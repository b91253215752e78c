-- The short reference every email carries (CND-XXXXX-XXXXX), so a person can check on the status page that a
-- message is really from the organisation. Written with the delivery's SENT outcome; it names nobody.
create table message_reference (
    reference   varchar(15) primary key,
    delivery_id uuid        not null
);
