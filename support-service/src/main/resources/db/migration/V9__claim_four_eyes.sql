-- Four eyes on money: a claim has a kind, and a customer has at most one open claim per incident and kind
-- (a unique partial index, so that two agents submitting at once cannot both open one).
ALTER TABLE compensation_claim
    ADD COLUMN kind varchar(24) NOT NULL DEFAULT 'OTHER';
ALTER TABLE compensation_claim
    ALTER COLUMN kind DROP DEFAULT;
CREATE UNIQUE INDEX compensation_claim_one_open ON compensation_claim (incident_id, customer_id, kind)
    WHERE status IN ('SUBMITTED', 'PENDING_APPROVAL');
CREATE INDEX compensation_claim_incident_customer ON compensation_claim (incident_id, customer_id);

-- Who recorded that a granted code was activated (the redemption's audit).
ALTER TABLE activation_code
    ADD COLUMN activated_by varchar(128);
