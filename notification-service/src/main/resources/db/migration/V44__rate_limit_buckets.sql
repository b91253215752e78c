-- The public opt-out page's rate limit (platform SharedRateLimiter, Bucket4j): one row per limited key, shared by
-- every replica, so that a client's budget is not multiplied by the number of pods. Rows of full buckets expire.
CREATE TABLE rate_limit_bucket (
    id          varchar(400) PRIMARY KEY,
    state       bytea,
    expires_at  bigint
);
CREATE INDEX rate_limit_bucket_expires ON rate_limit_bucket (expires_at);
