-- An urgent update's SMS go out at once, also in the recipients' quiet hours; earlier updates were not urgent.
ALTER TABLE status_update ADD COLUMN urgent boolean NOT NULL DEFAULT false;
