-- The class timetable as recurring rules: "Reformer Pilates with Sofia at the Jumeirah studio, Mon/Wed/Fri at
-- 18:00 local time, from 1 December". Sessions are generated from a rule a few weeks ahead and topped up daily;
-- generated_until is the last local date generated, so the top-up never re-creates a session an admin moved
-- or deleted. Sessions keep a nullable rule_id: hand-made sessions (and the demo's timetable) have none.
CREATE TABLE class_schedule_rules (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    service_id       uuid        NOT NULL REFERENCES services (id),
    staff_id         uuid        NOT NULL REFERENCES staff (id),
    location_id      uuid        NOT NULL REFERENCES locations (id),
    -- ISO days, 1 = Monday.
    weekdays         smallint[]  NOT NULL
                                 CONSTRAINT class_schedule_rules_weekdays_check
                                 CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ ARRAY[1, 2, 3, 4, 5, 6, 7]::smallint[]),
    start_time       time        NOT NULL,
    valid_from       date        NOT NULL,
    valid_until      date,
    -- Null: the service's capacity.
    capacity         integer     CHECK (capacity > 0),
    active           boolean     NOT NULL DEFAULT true,
    generated_until  date,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          bigint      NOT NULL DEFAULT 0,
    CONSTRAINT class_schedule_rules_date_order CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX class_schedule_rules_active_idx ON class_schedule_rules (active, created_at);

ALTER TABLE class_sessions ADD COLUMN rule_id uuid REFERENCES class_schedule_rules (id);
CREATE INDEX class_sessions_rule_starts_idx ON class_sessions (rule_id, starts_at) WHERE rule_id IS NOT NULL;
