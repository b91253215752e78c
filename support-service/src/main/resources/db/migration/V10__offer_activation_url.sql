ALTER TABLE assistance_offer ADD COLUMN activation_url varchar(500) CHECK (activation_url LIKE 'https://%');
