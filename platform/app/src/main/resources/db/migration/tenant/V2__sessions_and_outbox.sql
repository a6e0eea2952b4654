-- Customer portal sessions: one row per refresh token. Rotation adds a row to the same family; replaying a
-- rotated token revokes the whole family.
CREATE TABLE customer_sessions (
    id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    family_id          uuid        NOT NULL,
    customer_id        uuid        NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    token_hash         bytea       NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at         timestamptz NOT NULL,
    family_started_at  timestamptz NOT NULL,
    -- Idle expiry of this token; the family's absolute expiry is family_started_at + the absolute lifetime.
    expires_at         timestamptz NOT NULL,
    rotated_at         timestamptz,
    revoked_at         timestamptz,
    revoke_reason      text        CHECK (revoke_reason IN ('LOGOUT', 'REUSE_DETECTED', 'DEACTIVATED', 'ADMIN')),
    ip                 inet,
    user_agent         text        CHECK (length(user_agent) <= 1000),
    CHECK (expires_at > created_at)
);
CREATE INDEX customer_sessions_family_idx ON customer_sessions (family_id);
CREATE INDEX customer_sessions_customer_idx ON customer_sessions (customer_id);
CREATE INDEX customer_sessions_expires_idx ON customer_sessions (expires_at);

-- Messages to customers, written in the same transaction as the change that caused them and delivered by a
-- durable job; the id is the idempotency key all the way to the provider.
CREATE TABLE outbound_messages (
    id                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    event                text        NOT NULL CHECK (length(event) BETWEEN 1 AND 100),
    customer_id          uuid        REFERENCES customers (id) ON DELETE SET NULL,
    kind                 text        NOT NULL CHECK (kind IN ('EMAIL', 'SMS', 'WHATSAPP')),
    recipient            text        NOT NULL,
    subject              text        NOT NULL,
    body                 text        NOT NULL,
    html                 text,
    locale               text        NOT NULL,
    status               text        NOT NULL DEFAULT 'PENDING'
                                     CHECK (status IN ('PENDING', 'RETRYING', 'SENT', 'DEAD')),
    attempts             integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    plugin_id            text,
    provider_message_id  text,
    last_error           text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    sent_at              timestamptz,
    CHECK ((status = 'SENT') = (sent_at IS NOT NULL))
);
CREATE INDEX outbound_messages_customer_idx ON outbound_messages (customer_id, created_at DESC);
CREATE INDEX outbound_messages_status_idx ON outbound_messages (status, created_at) WHERE status IN ('PENDING', 'RETRYING', 'DEAD');
