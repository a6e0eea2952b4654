-- Ironworks Gym (Europe/London, GBP): demo catalog and a rolling class timetable.
-- Runs at every start-up in the tenant's schema. It only inserts what is missing (fixed ids,
-- ON CONFLICT DO NOTHING) and never changes or removes a row, so edits made through the app stay.
-- Local times are converted with AT TIME ZONE 'Europe/London' day by day, so BST/GMT is right.

INSERT INTO locations (id, name, address, timezone) VALUES
    ('1c000001-0000-4000-8000-000000000001', 'Ironworks — Shoreditch',
     'Unit 3, 41 Great Eastern Street, London EC2A 3HP, United Kingdom', 'Europe/London')
ON CONFLICT (id) DO NOTHING;

INSERT INTO staff (id, first_name, last_name, display_name, email, bio) VALUES
    ('1c000002-0000-4000-8000-000000000001', 'Marcus', 'Reid', 'Marcus Reid', 'marcus@ironworks.example',
     'Head coach. Strength and conditioning, ex-rugby; runs the strength circuits and personal training.'),
    ('1c000002-0000-4000-8000-000000000002', 'Priya', 'Nair', 'Priya Nair', 'priya@ironworks.example',
     'HIIT and spin coach; loud playlists, precise intervals.'),
    ('1c000002-0000-4000-8000-000000000003', 'Tom', 'Gallagher', 'Tom Gallagher', 'tom@ironworks.example',
     'British Weightlifting level 2 coach; Olympic lifting clinics and technique-focused personal training.')
ON CONFLICT (id) DO NOTHING;

INSERT INTO services (id, name, description, kind, duration_minutes, capacity, price_minor, currency,
                      buffer_before_minutes, buffer_after_minutes, min_notice_minutes, max_advance_days,
                      online_bookable, pay_per_visit_allowed, color) VALUES
    ('1c000003-0000-4000-8000-000000000001', 'Strength Circuit',
     'Barbell, kettlebell and bodyweight stations in a coached circuit. Scaled for every level.',
     'CLASS', 45, 14, 1500, 'GBP', 0, 0, 15, 28, true, true, '#C0392B'),
    ('1c000003-0000-4000-8000-000000000002', 'HIIT',
     'Thirty minutes of intervals: short, hard, done.',
     'CLASS', 30, 20, 1200, 'GBP', 0, 0, 15, 28, true, true, '#E67E22'),
    ('1c000003-0000-4000-8000-000000000003', 'Spin',
     'Rhythm-based indoor cycling on Keiser bikes.',
     'CLASS', 45, 18, 1400, 'GBP', 0, 0, 15, 28, true, true, '#2980B9'),
    ('1c000003-0000-4000-8000-000000000004', 'Olympic Lifting Clinic',
     'Snatch and clean & jerk technique in a small group. Some barbell experience needed.',
     'CLASS', 90, 6, 2500, 'GBP', 0, 0, 60, 28, true, true, '#7F8C8D'),
    ('1c000003-0000-4000-8000-000000000005', 'Personal Training',
     'One-to-one session with a coach: programming, technique and accountability.',
     'APPOINTMENT', 60, 1, 6500, 'GBP', 0, 10, 360, 30, true, true, '#27AE60')
ON CONFLICT (id) DO NOTHING;

INSERT INTO service_staff (service_id, staff_id) VALUES
    ('1c000003-0000-4000-8000-000000000001', '1c000002-0000-4000-8000-000000000001'),
    ('1c000003-0000-4000-8000-000000000002', '1c000002-0000-4000-8000-000000000002'),
    ('1c000003-0000-4000-8000-000000000002', '1c000002-0000-4000-8000-000000000003'),
    ('1c000003-0000-4000-8000-000000000003', '1c000002-0000-4000-8000-000000000002'),
    ('1c000003-0000-4000-8000-000000000004', '1c000002-0000-4000-8000-000000000003'),
    ('1c000003-0000-4000-8000-000000000005', '1c000002-0000-4000-8000-000000000001'),
    ('1c000003-0000-4000-8000-000000000005', '1c000002-0000-4000-8000-000000000003')
ON CONFLICT DO NOTHING;

-- Personal-training hours (local time): Marcus Mon-Fri 09:00-12:00, Tom Tue/Thu 10:00-16:00 and Sat 11:00-15:00.
INSERT INTO staff_working_hours (id, staff_id, location_id, day_of_week, start_time, end_time, valid_from)
SELECT v.id::uuid, v.staff_id::uuid, '1c000001-0000-4000-8000-000000000001', v.dow, v.start_time::time, v.end_time::time,
       (now() AT TIME ZONE 'Europe/London')::date - 365
FROM (VALUES
    ('1c000004-0000-4000-8000-000000000001', '1c000002-0000-4000-8000-000000000001', 1, '09:00', '12:00'),
    ('1c000004-0000-4000-8000-000000000002', '1c000002-0000-4000-8000-000000000001', 2, '09:00', '12:00'),
    ('1c000004-0000-4000-8000-000000000003', '1c000002-0000-4000-8000-000000000001', 3, '09:00', '12:00'),
    ('1c000004-0000-4000-8000-000000000004', '1c000002-0000-4000-8000-000000000001', 4, '09:00', '12:00'),
    ('1c000004-0000-4000-8000-000000000005', '1c000002-0000-4000-8000-000000000001', 5, '09:00', '12:00'),
    ('1c000004-0000-4000-8000-000000000006', '1c000002-0000-4000-8000-000000000003', 2, '10:00', '16:00'),
    ('1c000004-0000-4000-8000-000000000007', '1c000002-0000-4000-8000-000000000003', 4, '10:00', '16:00'),
    ('1c000004-0000-4000-8000-000000000008', '1c000002-0000-4000-8000-000000000003', 6, '11:00', '15:00')
) AS v (id, staff_id, dow, start_time, end_time)
ON CONFLICT (id) DO NOTHING;

INSERT INTO package_products (id, name, description, credits, price_minor, currency, validity_days, service_ids) VALUES
    ('1c000005-0000-4000-8000-000000000001', 'Intro Offer — 3 Classes',
     'Three classes in your first 14 days.', 3, 2500, 'GBP', 14, NULL),
    ('1c000005-0000-4000-8000-000000000002', '10-Class Pass',
     'Ten classes, valid for 60 days.', 10, 12000, 'GBP', 60, NULL),
    ('1c000005-0000-4000-8000-000000000003', '20-Visit Gym Pass',
     'Twenty classes, valid for 90 days.', 20, 20000, 'GBP', 90, NULL),
    ('1c000005-0000-4000-8000-000000000004', 'Olympic Lifting 4-Pack',
     'Four Olympic Lifting Clinics, valid for 60 days.', 4, 8800, 'GBP', 60,
     ARRAY['1c000003-0000-4000-8000-000000000004']::uuid[]),
    ('1c000005-0000-4000-8000-000000000005', 'PT 5-Pack',
     'Five one-to-one personal training sessions, valid for 90 days.', 5, 30000, 'GBP', 90,
     ARRAY['1c000003-0000-4000-8000-000000000005']::uuid[])
ON CONFLICT (id) DO NOTHING;

-- The weekly timetable in London local time (ISO days, 1 = Monday), generated from 14 days ago to
-- 28 days ahead. Sessions that already exist (same service and start) are left alone.
WITH timetable (service_id, staff_id, days, local_time) AS (
    VALUES
    -- HIIT
    ('1c000003-0000-4000-8000-000000000002'::uuid, '1c000002-0000-4000-8000-000000000002'::uuid, ARRAY[1, 2, 3, 4, 5], time '06:30'),
    ('1c000003-0000-4000-8000-000000000002', '1c000002-0000-4000-8000-000000000003', ARRAY[1, 2, 4], time '19:00'),
    ('1c000003-0000-4000-8000-000000000002', '1c000002-0000-4000-8000-000000000002', ARRAY[7], time '11:00'),
    -- Strength Circuit
    ('1c000003-0000-4000-8000-000000000001', '1c000002-0000-4000-8000-000000000001', ARRAY[1, 2, 3, 4, 5], time '07:15'),
    ('1c000003-0000-4000-8000-000000000001', '1c000002-0000-4000-8000-000000000001', ARRAY[1, 2, 3, 4], time '18:00'),
    ('1c000003-0000-4000-8000-000000000001', '1c000002-0000-4000-8000-000000000001', ARRAY[7], time '10:00'),
    -- Spin
    ('1c000003-0000-4000-8000-000000000003', '1c000002-0000-4000-8000-000000000002', ARRAY[1, 3, 5], time '12:30'),
    ('1c000003-0000-4000-8000-000000000003', '1c000002-0000-4000-8000-000000000002', ARRAY[2, 4], time '19:00'),
    ('1c000003-0000-4000-8000-000000000003', '1c000002-0000-4000-8000-000000000002', ARRAY[6], time '10:00'),
    -- Olympic Lifting Clinic
    ('1c000003-0000-4000-8000-000000000004', '1c000002-0000-4000-8000-000000000003', ARRAY[3], time '19:00'),
    ('1c000003-0000-4000-8000-000000000004', '1c000002-0000-4000-8000-000000000003', ARRAY[6], time '09:00')
),
days AS (
    SELECT (now() AT TIME ZONE 'Europe/London')::date + d AS day
    FROM generate_series(-14, 28) AS d
),
slots AS (
    SELECT t.service_id, t.staff_id, (days.day + t.local_time) AT TIME ZONE 'Europe/London' AS starts_at
    FROM timetable t
    CROSS JOIN days
    WHERE extract(isodow FROM days.day)::int = ANY (t.days)
)
INSERT INTO class_sessions (service_id, staff_id, location_id, starts_at, ends_at, capacity)
SELECT slots.service_id, slots.staff_id, '1c000001-0000-4000-8000-000000000001', slots.starts_at,
       slots.starts_at + make_interval(mins => s.duration_minutes), s.capacity
FROM slots
JOIN services s ON s.id = slots.service_id AND s.active AND s.kind = 'CLASS'
JOIN staff st ON st.id = slots.staff_id AND st.active
JOIN locations l ON l.id = '1c000001-0000-4000-8000-000000000001' AND l.active
ORDER BY slots.starts_at
ON CONFLICT (service_id, starts_at) DO NOTHING;
