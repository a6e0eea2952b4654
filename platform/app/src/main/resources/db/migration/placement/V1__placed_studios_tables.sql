-- A placement database's platform schema: the platform tables that must commit with a placed studio's own changes.
-- Everything else about its studios (registry, plugin settings, admins, audit, rate limits) stays on the primary.

-- db-scheduler's table, as platform V4: jobs scheduled in a placed studio's transactions, run by this database's runner.
CREATE TABLE scheduled_tasks (
    task_name            text        NOT NULL,
    task_instance        text        NOT NULL,
    task_data            bytea,
    execution_time       timestamptz NOT NULL,
    picked               boolean     NOT NULL,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures integer,
    last_heartbeat       timestamptz,
    version              bigint      NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- As platform V1: which demo studios placed here were filled with demo data, committed with the data itself.
CREATE TABLE demo_seeds (
    tenant_slug text PRIMARY KEY,
    seeded_at   timestamptz NOT NULL DEFAULT now()
);
