-- One row per message the plugin has tried to send, so that a retry after an answer was lost asks Twilio whether
-- the earlier attempt went through before sending again (Twilio's Messages API has no idempotency key).
CREATE TABLE notify_twilio_attempts (
    idempotency_key text        PRIMARY KEY,
    -- To and From exactly as posted, "whatsapp:" prefixes included: Twilio's message list filters on them.
    recipient       text        NOT NULL,
    sender          text        NOT NULL,
    -- When the first attempt whose outcome is unknown began, on the host's clock.
    started_at      timestamptz NOT NULL,
    -- Twilio's message SID once it is known: no later call for the key asks or sends again.
    message_sid     text,
    -- The call working on the key now, until claimed_until; a second call meanwhile neither asks nor sends.
    claimed_by      uuid,
    claimed_until   timestamptz
);
CREATE INDEX notify_twilio_attempts_started_idx ON notify_twilio_attempts (started_at);
CREATE INDEX notify_twilio_attempts_sid_idx ON notify_twilio_attempts (message_sid) WHERE message_sid IS NOT NULL;
