-- Every regime catalogue version this service has applied, with its files, so that a broken file at start falls
-- back to the last good version and an obligation's catalogueVersion can always be looked up.
CREATE TABLE catalogue_version (
    version             varchar(64)  PRIMARY KEY,
    calendars_version   varchar(64)  NOT NULL,
    sha256              varchar(64)  NOT NULL,
    source              varchar(500) NOT NULL,
    regimes_json        text         NOT NULL,
    calendars_json      text         NOT NULL,
    regimes             integer      NOT NULL,
    recorded_at         timestamptz  NOT NULL,
    -- What applying it changed in the obligations then open (a list of changes, see the README).
    changes             jsonb        NOT NULL
);
CREATE INDEX catalogue_version_recorded ON catalogue_version (recorded_at DESC);
CREATE INDEX obligation_pending_catalogue ON obligation (catalogue_version) WHERE status IN ('OPEN', 'OVERDUE');
