-- Platform tables and columns of every service, with their own schema history (candor_platform_schema_history),
-- applied after the service's own migrations.

-- Outbox rows the relay could not publish: each refusal counts an attempt and keeps its reason; after
-- candor.outbox.max-attempts the row is set aside, and later rows of its aggregate wait behind it.
ALTER TABLE outbox_event ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE outbox_event ADD COLUMN last_error varchar(2000);
ALTER TABLE outbox_event ADD COLUMN set_aside_at timestamptz;
CREATE INDEX outbox_event_set_aside ON outbox_event (aggregate_type, aggregate_id)
    WHERE set_aside_at IS NOT NULL AND published_at IS NULL;

-- Dead letters of this service's consumers, as read from its dead-letter topic: where the record came from, its
-- CloudEvents attributes and why it failed. The data itself is not kept: a replay reads it from the source topic.
CREATE TABLE dead_letter (
    id                uuid PRIMARY KEY,
    dlq_topic         varchar(249) NOT NULL,
    dlq_partition     integer      NOT NULL,
    dlq_offset        bigint       NOT NULL,
    dead_lettered_at  timestamptz  NOT NULL,
    source_topic      varchar(249),
    source_partition  integer,
    source_offset     bigint,
    record_key        varchar(400),
    event_id          varchar(200),
    event_type        varchar(200),
    event_subject     varchar(400),
    event_source      varchar(400),
    event_time        varchar(64),
    reason            varchar(2000),
    cause             varchar(2000),
    replayed_at       timestamptz,
    replay_outcome    varchar(2000),
    UNIQUE (dlq_topic, dlq_partition, dlq_offset)
);
CREATE INDEX dead_letter_time ON dead_letter (dead_lettered_at);
CREATE INDEX dead_letter_type_time ON dead_letter (event_type, dead_lettered_at);
