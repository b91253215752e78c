-- An answer to an anonymous survey keeps no invitation: once submitted, nothing in this database ties it to
-- the invitation, and the invitation no longer to its person.
ALTER TABLE survey_response ALTER COLUMN invitation_id DROP NOT NULL;
