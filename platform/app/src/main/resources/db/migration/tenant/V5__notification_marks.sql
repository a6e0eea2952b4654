-- Alerts that must go out once (credits low at a threshold, credits expiring for a package): the first insert of
-- a key wins, every later attempt finds it taken.
CREATE TABLE notification_marks (
    mark        text        PRIMARY KEY CHECK (length(mark) <= 200),
    created_at  timestamptz NOT NULL DEFAULT now()
);
