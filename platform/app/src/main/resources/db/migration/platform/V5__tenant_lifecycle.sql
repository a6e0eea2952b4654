-- Offboarding: an archived studio is no longer served, its schema is kept until the grace period ends.
ALTER TABLE tenants DROP CONSTRAINT tenants_status_check;
ALTER TABLE tenants ADD CONSTRAINT tenants_status_check
    CHECK (status IN ('PROVISIONING', 'ACTIVE', 'MIGRATION_FAILED', 'ARCHIVED'));
ALTER TABLE tenants ADD COLUMN archived_at timestamptz;

-- What platform operators did to studios (onboarding, reload, archive, restore, drop). A studio's own
-- audit log lives in its schema and goes when the schema is dropped; this one outlives the studio.
CREATE TABLE audit_logs (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    actor_type   text        NOT NULL,
    actor_id     text        NOT NULL,
    action       text        NOT NULL,
    tenant_slug  text,
    ip           inet,
    details      jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_logs_tenant_idx ON audit_logs (tenant_slug, occurred_at);
