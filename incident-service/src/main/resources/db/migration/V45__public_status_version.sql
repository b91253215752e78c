-- The version of what the public status page shows. Every replica caches the rendered page and compares
-- its copy with this number; triggers bump it in the same transaction as the change, so no writer can forget.
CREATE TABLE public_status_version (
    id       int    PRIMARY KEY CHECK (id = 1),
    version  bigint NOT NULL
);
INSERT INTO public_status_version (id, version) VALUES (1, 1);

CREATE FUNCTION public_status_changed() RETURNS trigger AS $$
BEGIN
    UPDATE public_status_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- A public update is published, edited or removed (AFFECTED-only updates never reach the page).
CREATE TRIGGER status_update_public_insert AFTER INSERT ON status_update
    FOR EACH ROW WHEN (NEW.audience = 'PUBLIC') EXECUTE FUNCTION public_status_changed();
CREATE TRIGGER status_update_public_update AFTER UPDATE ON status_update
    FOR EACH ROW WHEN (OLD.audience = 'PUBLIC' OR NEW.audience = 'PUBLIC') EXECUTE FUNCTION public_status_changed();
CREATE TRIGGER status_update_public_delete AFTER DELETE ON status_update
    FOR EACH ROW WHEN (OLD.audience = 'PUBLIC') EXECUTE FUNCTION public_status_changed();

-- The facts the page shows change: title, summaries, data categories, detection time, or the phase.
CREATE TRIGGER incident_public_update AFTER UPDATE ON incident
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title
        OR OLD.summaries IS DISTINCT FROM NEW.summaries
        OR OLD.data_categories IS DISTINCT FROM NEW.data_categories
        OR OLD.detected_at IS DISTINCT FROM NEW.detected_at
        OR OLD.phase IS DISTINCT FROM NEW.phase)
    EXECUTE FUNCTION public_status_changed();
