-- One benchmark studio's data, run in its schema (search_path set to it) after its migration. The ids are the same
-- in every studio (BenchStudios names them), so the load generator knows them without asking. Times are relative to
-- now() in Europe/London, the zone every benchmark studio is configured with.
--
-- One location; three instructors working Monday to Saturday 09:00-13:00 and 14:00-18:00, one with a day off in
-- the coming week; a 60-minute private session they all give (10 minutes buffer after, 2 hours notice); and one
-- customer, bench@example.com, with a 10-credit pack, four upcoming sessions and four past ones. The credit ledger is
-- not written: nothing the benchmark reads looks at it.

INSERT INTO locations (id, name, timezone)
VALUES ('b0000001-0000-4000-8000-000000000001', 'Main studio', 'Europe/London');

INSERT INTO staff (id, first_name, last_name, display_name) VALUES
    ('b0000002-0000-4000-8000-000000000001', 'Ana', 'Silva', 'Ana Silva'),
    ('b0000002-0000-4000-8000-000000000002', 'Ben', 'Okafor', 'Ben Okafor'),
    ('b0000002-0000-4000-8000-000000000003', 'Chen', 'Wei', 'Chen Wei');

INSERT INTO services (id, name, kind, duration_minutes, capacity, currency, buffer_after_minutes, min_notice_minutes, max_advance_days)
VALUES ('b0000003-0000-4000-8000-000000000001', 'Private session', 'APPOINTMENT', 60, 1, 'GBP', 10, 120, 60);

INSERT INTO service_staff (service_id, staff_id)
SELECT 'b0000003-0000-4000-8000-000000000001', id FROM staff;

INSERT INTO staff_working_hours (staff_id, location_id, day_of_week, start_time, end_time, valid_from)
SELECT s.id, 'b0000001-0000-4000-8000-000000000001', d, b.start_time, b.end_time,
       (now() AT TIME ZONE 'Europe/London')::date - 30
FROM staff s
CROSS JOIN generate_series(1, 6) AS d
CROSS JOIN (VALUES (time '09:00', time '13:00'), (time '14:00', time '18:00')) AS b (start_time, end_time);

INSERT INTO staff_time_off (staff_id, starts_at, ends_at, reason)
SELECT 'b0000002-0000-4000-8000-000000000002', day::timestamp AT TIME ZONE 'Europe/London',
       (day + 1)::timestamp AT TIME ZONE 'Europe/London', 'Day off'
FROM (SELECT (now() AT TIME ZONE 'Europe/London')::date + 3 AS day) AS t;

INSERT INTO customers (id, first_name, last_name, email, timezone, locale)
VALUES ('b0000010-0000-4000-8000-000000000001', 'Bea', 'Bench', 'bench@example.com', 'Europe/London', 'en');

INSERT INTO customer_notification_preferences (customer_id, timezone, locale)
VALUES ('b0000010-0000-4000-8000-000000000001', 'Europe/London', 'en');

INSERT INTO customer_packages (id, customer_id, name, credits_total, credits_remaining, purchased_at, expires_at)
VALUES ('b0000011-0000-4000-8000-000000000001', 'b0000010-0000-4000-8000-000000000001', '10-session pack', 10, 2,
        now() - interval '30 days', now() + interval '60 days');

-- Sessions at 10:00 local time, days from today: four ahead (booked), four behind (completed).
INSERT INTO appointments (customer_id, service_id, staff_id, location_id, starts_at, ends_at, status, payment_kind,
                          customer_package_id, cancel_window_minutes, reschedule_window_minutes, late_cancel_policy,
                          max_reschedules, booked_at)
SELECT 'b0000010-0000-4000-8000-000000000001', 'b0000003-0000-4000-8000-000000000001',
       ('b0000002-0000-4000-8000-00000000000' || v.staff)::uuid, 'b0000001-0000-4000-8000-000000000001',
       t.starts_at, t.starts_at + interval '60 minutes', v.status, 'CREDIT', 'b0000011-0000-4000-8000-000000000001',
       720, 720, 'DENY', 2, now() - interval '20 days'
FROM (VALUES (1, 1, 'BOOKED'), (2, 2, 'BOOKED'), (4, 3, 'BOOKED'), (7, 1, 'BOOKED'),
             (-3, 2, 'COMPLETED'), (-6, 3, 'COMPLETED'), (-10, 1, 'COMPLETED'), (-14, 2, 'COMPLETED')) AS v (days, staff, status)
CROSS JOIN LATERAL (SELECT (((now() AT TIME ZONE 'Europe/London')::date + v.days) + time '10:00') AT TIME ZONE 'Europe/London'
                    AS starts_at) AS t;
