-- The platform schema: the tenant registry and what belongs to no single studio.

CREATE TABLE tenants (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug            text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{1,38}[a-z0-9]$'),
    schema_name     text        NOT NULL UNIQUE,
    name            text        NOT NULL,
    status          text        NOT NULL DEFAULT 'PROVISIONING'
                                CHECK (status IN ('PROVISIONING', 'ACTIVE', 'MIGRATION_FAILED')),
    config          jsonb       NOT NULL,
    -- What the config file said when last imported: a re-import of an unchanged file changes nothing,
    -- and edits made through the admin API survive restarts.
    source_name     text,
    source_hash     text,
    status_detail   text,
    schema_version  text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         bigint      NOT NULL DEFAULT 0
);

-- Custom domains; <slug>.<base-domain> needs no row.
CREATE TABLE tenant_domains (
    domain     text PRIMARY KEY CHECK (domain = lower(domain)),
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE
);
CREATE INDEX tenant_domains_tenant_idx ON tenant_domains (tenant_id);

-- Plugins a studio enabled, with its settings; secrets stay ${ENV_VAR} references here.
CREATE TABLE tenant_plugins (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    plugin_id   text        NOT NULL,
    enabled     boolean     NOT NULL,
    settings    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, plugin_id)
);

-- Which demo studios were filled with demo data, so a restart never overwrites what users changed.
CREATE TABLE demo_seeds (
    tenant_slug text PRIMARY KEY,
    seeded_at   timestamptz NOT NULL DEFAULT now()
);
