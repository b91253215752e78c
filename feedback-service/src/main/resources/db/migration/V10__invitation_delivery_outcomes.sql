-- What notification-service reports of an invitation's deliveries (one per channel): accepted by a provider,
-- bounced back after that, or failed for good. Response rates count answers over invitations that reached
-- someone, with bounced and never reached ones apart.
ALTER TABLE invitation ADD COLUMN delivered_count int NOT NULL DEFAULT 0;
ALTER TABLE invitation ADD COLUMN bounced_count int NOT NULL DEFAULT 0;
ALTER TABLE invitation ADD COLUMN failed_count int NOT NULL DEFAULT 0;
