-- Short links in SMS: <public-base-url>/s/<code> stands for one long signed link (an opt-out or unsubscribe
-- page, a confirmation link) until that link expires. The code is a MAC of purpose, expiry and target, so
-- rendering the same link again finds the row it wrote before.
CREATE TABLE short_link (
    code text PRIMARY KEY,
    purpose text NOT NULL,
    target text NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX short_link_expiry ON short_link (expires_at);
