-- People who asked for public status updates. PENDING until they confirm (double opt-in).
CREATE TABLE subscriber (
    id               varchar(40)  PRIMARY KEY,
    email            varchar(254),
    phone            varchar(16),
    locale           varchar(16)  NOT NULL,
    status           varchar(16)  NOT NULL,
    code_hash        varchar(64),
    code_expires_at  timestamptz,
    code_attempts    int          NOT NULL DEFAULT 0,
    created_at       timestamptz  NOT NULL,
    confirmed_at     timestamptz,
    CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
CREATE UNIQUE INDEX subscriber_email ON subscriber (email) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX subscriber_phone ON subscriber (phone) WHERE phone IS NOT NULL;
