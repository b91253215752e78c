-- A wave (or a ticket's survey) is sent in batches, each in its own transaction with its invitations and
-- their notification requests. The send remembers the survey version it sends and the last customer
-- it handled, so a crash resumes after the last committed batch and nobody is invited twice.
ALTER TABLE scheduled_send ADD COLUMN survey_id uuid REFERENCES survey (id);
ALTER TABLE scheduled_send ADD COLUMN survey_version int;
ALTER TABLE scheduled_send ADD COLUMN progress_customer_id varchar(128);

ALTER TABLE invitation ADD COLUMN scheduled_send_id uuid REFERENCES scheduled_send (id);
-- One invitation per customer per wave, whatever happens. Partial: campaign invitations (no send)
-- cost no index entry, not even when answering rewrites their row.
CREATE UNIQUE INDEX invitation_once_per_send ON invitation (scheduled_send_id, customer_id)
    WHERE scheduled_send_id IS NOT NULL;
