-- Messages the development inbox "sent": one row per message, never twice for one idempotency key.
CREATE TABLE notify_dev_inbox_messages (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key  text        NOT NULL UNIQUE,
    kind             text        NOT NULL CHECK (kind IN ('EMAIL', 'SMS', 'WHATSAPP', 'OTHER')),
    recipient        text        NOT NULL,
    subject          text        NOT NULL,
    body             text        NOT NULL,
    html             text,
    locale           text        NOT NULL,
    sent_at          timestamptz NOT NULL
);
CREATE INDEX notify_dev_inbox_messages_recipient_idx ON notify_dev_inbox_messages (recipient, sent_at DESC);
