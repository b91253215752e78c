-- Days on which a business-hours queue is closed (public holidays), as ISO dates "2026-12-25,2026-12-26".
ALTER TABLE support_queue ADD COLUMN holidays varchar(4000) NOT NULL DEFAULT '';
