-- The organisation's public hotline and its support hours from compliance-service's organisation profile
-- (candor.compliance.organisation-profile-changed.v1), shown on the status page. One row: a later profile replaces
-- it; until the first arrives, candor.incident.support.hotline is shown.
CREATE TABLE organisation_contact (
    id            int          PRIMARY KEY CHECK (id = 1),
    hotline       varchar(32),
    support_hours jsonb        NOT NULL DEFAULT '{}'::jsonb,
    changed_at    timestamptz  NOT NULL,
    received_at   timestamptz  NOT NULL
);

-- The status page shows it: every replica's cached page goes out of date with it.
CREATE TRIGGER organisation_contact_public_insert AFTER INSERT ON organisation_contact
    FOR EACH ROW EXECUTE FUNCTION public_status_changed();
CREATE TRIGGER organisation_contact_public_update AFTER UPDATE ON organisation_contact
    FOR EACH ROW EXECUTE FUNCTION public_status_changed();
CREATE TRIGGER organisation_contact_public_delete AFTER DELETE ON organisation_contact
    FOR EACH ROW EXECUTE FUNCTION public_status_changed();
