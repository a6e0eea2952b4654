-- Studio admins: their own accounts and login, nothing shared with customers.
CREATE TABLE admin_users (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email          text        NOT NULL CHECK (email = lower(email)),
    password_hash  text        NOT NULL,
    role           text        NOT NULL CHECK (role IN ('OWNER', 'FRONT_DESK')),
    active         boolean     NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_login_at  timestamptz,
    UNIQUE (tenant_id, email)
);
