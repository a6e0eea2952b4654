-- Serenity Yoga & Pilates (Asia/Dubai, AED): demo catalog and a rolling class timetable.
-- Runs at every start-up in the tenant's schema. It only inserts what is missing (fixed ids,
-- ON CONFLICT DO NOTHING) and never changes or removes a row, so edits made through the app stay.

INSERT INTO locations (id, name, address, timezone) VALUES
    ('5e000001-0000-4000-8000-000000000001', 'Serenity Studio — Jumeirah',
     'Villa 14, Al Wasl Road, Jumeirah 1, Dubai, United Arab Emirates', 'Asia/Dubai')
ON CONFLICT (id) DO NOTHING;

INSERT INTO staff (id, first_name, last_name, display_name, email, bio) VALUES
    ('5e000002-0000-4000-8000-000000000001', 'Layla', 'Mansour', 'Layla Mansour', 'layla@serenity.example',
     'Vinyasa and Yin teacher (E-RYT 500). Slow breath, strong foundations, a lot of hip openers.'),
    ('5e000002-0000-4000-8000-000000000002', 'Sofia', 'Marchetti', 'Sofia Marchetti', 'sofia@serenity.example',
     'Classical Pilates instructor from Milan; reformer and mat, with a soft spot for posture work.'),
    ('5e000002-0000-4000-8000-000000000003', 'Arjun', 'Mehta', 'Arjun Mehta', 'arjun@serenity.example',
     'Ashtanga-trained, teaches dynamic flow and private sessions for beginners and injuries.'),
    ('5e000002-0000-4000-8000-000000000004', 'Hannah', 'Clarke', 'Hannah Clarke', 'hannah@serenity.example',
     'Physiotherapist and Pilates teacher; reformer classes and one-to-one rehab sessions.')
ON CONFLICT (id) DO NOTHING;

INSERT INTO services (id, name, description, kind, duration_minutes, capacity, price_minor, currency,
                      buffer_before_minutes, buffer_after_minutes, min_notice_minutes, max_advance_days,
                      online_bookable, pay_per_visit_allowed, color) VALUES
    ('5e000003-0000-4000-8000-000000000001', 'Vinyasa Flow',
     'A breath-led flow linking strength, balance and mobility. All levels welcome.',
     'CLASS', 60, 16, 12000, 'AED', 0, 0, 30, 28, true, true, '#E07A5F'),
    ('5e000003-0000-4000-8000-000000000002', 'Reformer Pilates',
     'Small-group class on the reformer: core, alignment and control. Grip socks required.',
     'CLASS', 50, 8, 18000, 'AED', 0, 0, 60, 28, true, true, '#3D8A7A'),
    ('5e000003-0000-4000-8000-000000000003', 'Yin Yoga',
     'Long, quiet holds for the connective tissue. A calm close to the day.',
     'CLASS', 75, 14, 11000, 'AED', 0, 0, 30, 28, true, true, '#7B6D8D'),
    ('5e000003-0000-4000-8000-000000000004', 'Mat Pilates',
     'Classical mat repertoire with small props. A lunchtime reset.',
     'CLASS', 45, 12, 9500, 'AED', 0, 0, 30, 28, true, true, '#F2CC8F'),
    ('5e000003-0000-4000-8000-000000000005', 'Private Session',
     'One-to-one yoga or Pilates with the instructor of your choice, tailored to your goals.',
     'APPOINTMENT', 60, 1, 45000, 'AED', 0, 15, 720, 30, true, true, '#81B29A')
ON CONFLICT (id) DO NOTHING;

-- Who teaches what; private sessions are given by Arjun and Hannah.
INSERT INTO service_staff (service_id, staff_id) VALUES
    ('5e000003-0000-4000-8000-000000000001', '5e000002-0000-4000-8000-000000000001'),
    ('5e000003-0000-4000-8000-000000000001', '5e000002-0000-4000-8000-000000000003'),
    ('5e000003-0000-4000-8000-000000000002', '5e000002-0000-4000-8000-000000000002'),
    ('5e000003-0000-4000-8000-000000000002', '5e000002-0000-4000-8000-000000000004'),
    ('5e000003-0000-4000-8000-000000000003', '5e000002-0000-4000-8000-000000000001'),
    ('5e000003-0000-4000-8000-000000000003', '5e000002-0000-4000-8000-000000000003'),
    ('5e000003-0000-4000-8000-000000000004', '5e000002-0000-4000-8000-000000000002'),
    ('5e000003-0000-4000-8000-000000000004', '5e000002-0000-4000-8000-000000000004'),
    ('5e000003-0000-4000-8000-000000000005', '5e000002-0000-4000-8000-000000000003'),
    ('5e000003-0000-4000-8000-000000000005', '5e000002-0000-4000-8000-000000000004')
ON CONFLICT DO NOTHING;

-- Private-session hours (local time): Arjun Mon/Wed/Fri 10:00-15:00, Hannah Tue/Thu 13:30-17:00 and Sat 12:00-16:00.
INSERT INTO staff_working_hours (id, staff_id, location_id, day_of_week, start_time, end_time, valid_from)
SELECT v.id::uuid, v.staff_id::uuid, '5e000001-0000-4000-8000-000000000001', v.dow, v.start_time::time, v.end_time::time,
       (now() AT TIME ZONE 'Asia/Dubai')::date - 365
FROM (VALUES
    ('5e000004-0000-4000-8000-000000000001', '5e000002-0000-4000-8000-000000000003', 1, '10:00', '15:00'),
    ('5e000004-0000-4000-8000-000000000002', '5e000002-0000-4000-8000-000000000003', 3, '10:00', '15:00'),
    ('5e000004-0000-4000-8000-000000000003', '5e000002-0000-4000-8000-000000000003', 5, '10:00', '15:00'),
    ('5e000004-0000-4000-8000-000000000004', '5e000002-0000-4000-8000-000000000004', 2, '13:30', '17:00'),
    ('5e000004-0000-4000-8000-000000000005', '5e000002-0000-4000-8000-000000000004', 4, '13:30', '17:00'),
    ('5e000004-0000-4000-8000-000000000006', '5e000002-0000-4000-8000-000000000004', 6, '12:00', '16:00')
) AS v (id, staff_id, dow, start_time, end_time)
ON CONFLICT (id) DO NOTHING;

INSERT INTO package_products (id, name, description, credits, price_minor, currency, validity_days, service_ids) VALUES
    ('5e000005-0000-4000-8000-000000000001', 'Intro Offer — 3 Classes',
     'Three classes of your choice within 14 days. New students only.', 3, 19900, 'AED', 14, NULL),
    ('5e000005-0000-4000-8000-000000000002', '5-Class Pack',
     'Five classes, valid for 60 days.', 5, 52500, 'AED', 60, NULL),
    ('5e000005-0000-4000-8000-000000000003', '10-Class Pack',
     'Ten classes, valid for 90 days. Our most popular pack.', 10, 95000, 'AED', 90, NULL),
    ('5e000005-0000-4000-8000-000000000004', '20-Class Pack',
     'Twenty classes, valid for 180 days.', 20, 170000, 'AED', 180, NULL),
    ('5e000005-0000-4000-8000-000000000005', 'Reformer 8-Pack',
     'Eight Reformer Pilates classes, valid for 60 days.', 8, 128000, 'AED', 60,
     ARRAY['5e000003-0000-4000-8000-000000000002']::uuid[])
ON CONFLICT (id) DO NOTHING;

-- The weekly timetable in Dubai local time (ISO days, 1 = Monday), generated from 14 days ago to
-- 28 days ahead. Sessions that already exist (same service and start) are left alone.
WITH timetable (service_id, staff_id, days, local_time) AS (
    VALUES
    -- Vinyasa Flow
    ('5e000003-0000-4000-8000-000000000001'::uuid, '5e000002-0000-4000-8000-000000000001'::uuid, ARRAY[1, 3, 5], time '07:00'),
    ('5e000003-0000-4000-8000-000000000001', '5e000002-0000-4000-8000-000000000003', ARRAY[2, 4], time '07:00'),
    ('5e000003-0000-4000-8000-000000000001', '5e000002-0000-4000-8000-000000000001', ARRAY[6], time '09:00'),
    ('5e000003-0000-4000-8000-000000000001', '5e000002-0000-4000-8000-000000000003', ARRAY[7], time '09:00'),
    ('5e000003-0000-4000-8000-000000000001', '5e000002-0000-4000-8000-000000000003', ARRAY[1, 3, 5, 7], time '19:30'),
    ('5e000003-0000-4000-8000-000000000001', '5e000002-0000-4000-8000-000000000001', ARRAY[2, 4, 6], time '19:30'),
    -- Reformer Pilates
    ('5e000003-0000-4000-8000-000000000002', '5e000002-0000-4000-8000-000000000002', ARRAY[1, 2, 3, 4, 5, 6], time '09:30'),
    ('5e000003-0000-4000-8000-000000000002', '5e000002-0000-4000-8000-000000000004', ARRAY[1, 2, 3, 4, 5], time '18:00'),
    -- Yin Yoga
    ('5e000003-0000-4000-8000-000000000003', '5e000002-0000-4000-8000-000000000003', ARRAY[2, 4], time '20:45'),
    ('5e000003-0000-4000-8000-000000000003', '5e000002-0000-4000-8000-000000000001', ARRAY[6, 7], time '17:00'),
    -- Mat Pilates
    ('5e000003-0000-4000-8000-000000000004', '5e000002-0000-4000-8000-000000000004', ARRAY[1, 2, 3, 4, 5], time '12:15'),
    ('5e000003-0000-4000-8000-000000000004', '5e000002-0000-4000-8000-000000000002', ARRAY[6, 7], time '10:45')
),
days AS (
    SELECT (now() AT TIME ZONE 'Asia/Dubai')::date + d AS day
    FROM generate_series(-14, 28) AS d
),
slots AS (
    SELECT t.service_id, t.staff_id, (days.day + t.local_time) AT TIME ZONE 'Asia/Dubai' AS starts_at
    FROM timetable t
    CROSS JOIN days
    WHERE extract(isodow FROM days.day)::int = ANY (t.days)
)
INSERT INTO class_sessions (service_id, staff_id, location_id, starts_at, ends_at, capacity)
SELECT slots.service_id, slots.staff_id, '5e000001-0000-4000-8000-000000000001', slots.starts_at,
       slots.starts_at + make_interval(mins => s.duration_minutes), s.capacity
FROM slots
JOIN services s ON s.id = slots.service_id AND s.active AND s.kind = 'CLASS'
JOIN staff st ON st.id = slots.staff_id AND st.active
JOIN locations l ON l.id = '5e000001-0000-4000-8000-000000000001' AND l.active
ORDER BY slots.starts_at
ON CONFLICT (service_id, starts_at) DO NOTHING;
