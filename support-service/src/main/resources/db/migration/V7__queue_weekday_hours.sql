-- Opening hours that differ between weekdays, e.g. 'MON 08:00-20:00,TUE 08:00-20:00,SAT 10:00-16:00' (a day
-- not listed is closed). NULL keeps the meaning of the existing columns: business_start to business_end on
-- each of business_days, or 24/7 without them. A queue has one or the other, never both.
ALTER TABLE support_queue ADD COLUMN weekday_hours varchar(400);
ALTER TABLE support_queue ADD CONSTRAINT support_queue_one_kind_of_hours
    CHECK (weekday_hours IS NULL OR (business_start IS NULL AND business_end IS NULL));
