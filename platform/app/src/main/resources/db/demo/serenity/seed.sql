-- Serenity Yoga & Pilates: demo customers and their history. Runs once per tenant (the Java side
-- guards it with the demo_seeds registry table), right after schedule.sql, in the tenant's schema.
-- Everything is relative to now(). Appointments pick sessions from the generated timetable by
-- service and offset; consistency (seats taken, credits left) is derived at the end, not typed in.
--
-- Policy in force for this studio (frozen into each appointment): 12 h cancel and reschedule
-- windows, late cancellation denied (contact the studio), 2 reschedules per booking.

-- History: repeat the timetable of 14..8 days ago for the 7 weeks before it, so older bookings
-- have sessions to point at.
INSERT INTO class_sessions (service_id, staff_id, location_id, starts_at, ends_at, capacity)
SELECT cs.service_id, cs.staff_id, cs.location_id,
       ((cs.starts_at AT TIME ZONE 'Asia/Dubai') - make_interval(days => 7 * w)) AT TIME ZONE 'Asia/Dubai',
       ((cs.ends_at AT TIME ZONE 'Asia/Dubai') - make_interval(days => 7 * w)) AT TIME ZONE 'Asia/Dubai',
       cs.capacity
FROM class_sessions cs
CROSS JOIN generate_series(1, 7) AS w
WHERE cs.status = 'SCHEDULED'
  AND (cs.starts_at AT TIME ZONE 'Asia/Dubai')::date
      BETWEEN (now() AT TIME ZONE 'Asia/Dubai')::date - 14 AND (now() AT TIME ZONE 'Asia/Dubai')::date - 8
ORDER BY 4
ON CONFLICT (service_id, starts_at) DO NOTHING;

-- A Vinyasa Flow about three hours from now (whole hour, 2.5-3.5 h ahead), inside the 12 h
-- window, so the demo shows a class that can no longer be cancelled online.
INSERT INTO class_sessions (service_id, staff_id, location_id, starts_at, ends_at, capacity)
SELECT s.id, '5e000002-0000-4000-8000-000000000001', '5e000001-0000-4000-8000-000000000001',
       t.starts_at, t.starts_at + make_interval(mins => s.duration_minutes), s.capacity
FROM services s
CROSS JOIN (SELECT date_trunc('hour', now() + interval '30 minutes') + interval '3 hours' AS starts_at) AS t
WHERE s.id = '5e000003-0000-4000-8000-000000000001'
ON CONFLICT (service_id, starts_at) DO NOTHING;

-- Customers. maya@example.com also exists at Ironworks, with other data: studios share nothing.
INSERT INTO customers (id, member_number, first_name, last_name, email, phone, timezone, locale, created_at, updated_at) VALUES
    ('5e000010-0000-4000-8000-000000000002', '100001', 'Omar', 'Al Farsi', 'omar@example.com', '+971502223344', 'Asia/Dubai', 'ar', now() - interval '120 days', now() - interval '120 days'),
    ('5e000010-0000-4000-8000-000000000003', '100002', 'Chloé', 'Dubois', 'chloe@example.com', NULL, 'Asia/Dubai', 'en', now() - interval '95 days', now() - interval '95 days'),
    ('5e000010-0000-4000-8000-000000000004', '100003', 'Aisha', 'Rahman', 'aisha@example.com', '+971559876543', 'Asia/Dubai', 'en', now() - interval '90 days', now() - interval '90 days'),
    ('5e000010-0000-4000-8000-000000000001', '100004', 'Maya', 'Haddad', 'maya@example.com', '+971501234567', 'Asia/Dubai', 'en', now() - interval '75 days', now() - interval '20 days'),
    ('5e000010-0000-4000-8000-000000000006', '100005', 'Fatima', 'Benali', 'fatima@example.com', '+971504567890', 'Asia/Dubai', 'ar', now() - interval '85 days', now() - interval '85 days'),
    ('5e000010-0000-4000-8000-000000000005', '100006', 'Daniel', 'Kim', 'daniel.kim@example.com', '+971527654321', 'Asia/Dubai', 'en', now() - interval '6 days', now() - interval '6 days'),
    ('5e000010-0000-4000-8000-000000000007', '100007', 'Rohan', 'Kapoor', NULL, '+971554567890', 'Asia/Dubai', 'en', now() - interval '2 days', now() - interval '2 days');

-- New customers continue the numbering.
SELECT setval('customer_member_number_seq',
              (SELECT max(member_number::bigint) FROM customers WHERE member_number ~ '^[0-9]{1,18}$'));

INSERT INTO customer_notification_preferences
    (customer_id, email_opt_in, sms_opt_in, whatsapp_opt_in, marketing_consent, marketing_consent_updated_at,
     reminder_hours_before, timezone, locale, created_at, updated_at)
SELECT c.id, v.email_opt_in, v.sms_opt_in, v.whatsapp_opt_in, v.marketing_consent,
       CASE WHEN v.marketing_consent THEN c.created_at END, v.reminder_hours_before,
       c.timezone, c.locale, c.created_at, c.updated_at
FROM (VALUES
    ('5e000010-0000-4000-8000-000000000001'::uuid, true, true, true, true, 24),
    ('5e000010-0000-4000-8000-000000000002', true, true, false, false, 12),
    ('5e000010-0000-4000-8000-000000000003', true, false, false, true, 24),
    ('5e000010-0000-4000-8000-000000000004', true, true, false, false, 48),
    ('5e000010-0000-4000-8000-000000000005', true, true, false, true, 24),
    ('5e000010-0000-4000-8000-000000000006', false, true, true, false, 6),
    ('5e000010-0000-4000-8000-000000000007', false, true, false, false, 24)
) AS v (customer_id, email_opt_in, sms_opt_in, whatsapp_opt_in, marketing_consent, reminder_hours_before)
JOIN customers c ON c.id = v.customer_id;

-- Payments through the Stripe plugin (demo ids; nothing real behind them).
INSERT INTO payments (id, customer_id, provider, provider_payment_id, provider_customer_id, idempotency_key, purpose,
                      amount_minor, currency, status, description, receipt_url, created_at, updated_at)
SELECT v.id, v.customer_id, 'pay-stripe', 'pi_demo_ser_' || v.n, 'cus_demo_ser_' || v.cus, 'demo-serenity-payment-' || v.n,
       v.purpose, v.amount_minor, 'AED', 'SUCCEEDED', v.description,
       'https://pay.stripe.com/receipts/demo_ser_' || v.n, now() - v.ago, now() - v.ago
FROM (VALUES
    ('5e000012-0000-4000-8000-000000000001'::uuid, '0001', '5e000010-0000-4000-8000-000000000001'::uuid, 'maya', 'PACKAGE_PURCHASE', 95000::bigint, '10-Class Pack', interval '30 days'),
    ('5e000012-0000-4000-8000-000000000002', '0002', '5e000010-0000-4000-8000-000000000001', 'maya', 'PACKAGE_PURCHASE', 52500, '5-Class Pack', interval '70 days'),
    ('5e000012-0000-4000-8000-000000000003', '0003', '5e000010-0000-4000-8000-000000000002', 'omar', 'PACKAGE_PURCHASE', 95000, '10-Class Pack', interval '10 days'),
    ('5e000012-0000-4000-8000-000000000004', '0004', '5e000010-0000-4000-8000-000000000003', 'chloe', 'PACKAGE_PURCHASE', 128000, 'Reformer 8-Pack', interval '20 days'),
    ('5e000012-0000-4000-8000-000000000005', '0005', '5e000010-0000-4000-8000-000000000004', 'aisha', 'PACKAGE_PURCHASE', 170000, '20-Class Pack', interval '45 days'),
    ('5e000012-0000-4000-8000-000000000006', '0006', '5e000010-0000-4000-8000-000000000005', 'daniel', 'PACKAGE_PURCHASE', 19900, 'Intro Offer — 3 Classes', interval '5 days'),
    ('5e000012-0000-4000-8000-000000000007', '0007', '5e000010-0000-4000-8000-000000000006', 'fatima', 'PACKAGE_PURCHASE', 52500, '5-Class Pack', interval '80 days'),
    ('5e000012-0000-4000-8000-000000000008', '0008', '5e000010-0000-4000-8000-000000000001', 'maya', 'PAY_PER_VISIT', 45000, 'Private Session with Arjun Mehta', interval '22 days'),
    ('5e000012-0000-4000-8000-000000000009', '0009', '5e000010-0000-4000-8000-000000000004', 'aisha', 'PAY_PER_VISIT', 45000, 'Private Session with Hannah Clarke', interval '1 day'),
    ('5e000012-0000-4000-8000-000000000010', '0010', '5e000010-0000-4000-8000-000000000006', 'fatima', 'PAY_PER_VISIT', 12000, 'Vinyasa Flow (drop-in)', interval '1 day')
) AS v (id, n, customer_id, cus, purpose, amount_minor, description, ago);

-- Packages, opened with the payment that bought them. credits_remaining is set from the ledger below.
INSERT INTO customer_packages (id, customer_id, package_product_id, name, service_ids, credits_total, credits_remaining,
                               purchased_at, expires_at, status, payment_id, created_at, updated_at)
SELECT v.id, pay.customer_id, pp.id, pp.name, pp.service_ids, pp.credits, pp.credits,
       pay.created_at, pay.created_at + make_interval(days => pp.validity_days), v.status, pay.id, pay.created_at, pay.created_at
FROM (VALUES
    -- Maya: the current 10-class pack (expires in about 60 days) and an older, used-up 5-class pack.
    ('5e000011-0000-4000-8000-000000000001'::uuid, '5e000005-0000-4000-8000-000000000003'::uuid, '5e000012-0000-4000-8000-000000000001'::uuid, 'ACTIVE'),
    ('5e000011-0000-4000-8000-000000000002', '5e000005-0000-4000-8000-000000000002', '5e000012-0000-4000-8000-000000000002', 'ACTIVE'),
    ('5e000011-0000-4000-8000-000000000003', '5e000005-0000-4000-8000-000000000003', '5e000012-0000-4000-8000-000000000003', 'ACTIVE'),
    ('5e000011-0000-4000-8000-000000000004', '5e000005-0000-4000-8000-000000000005', '5e000012-0000-4000-8000-000000000004', 'ACTIVE'),
    ('5e000011-0000-4000-8000-000000000005', '5e000005-0000-4000-8000-000000000004', '5e000012-0000-4000-8000-000000000005', 'ACTIVE'),
    ('5e000011-0000-4000-8000-000000000006', '5e000005-0000-4000-8000-000000000001', '5e000012-0000-4000-8000-000000000006', 'ACTIVE'),
    ('5e000011-0000-4000-8000-000000000007', '5e000005-0000-4000-8000-000000000002', '5e000012-0000-4000-8000-000000000007', 'EXPIRED')
) AS v (id, product_id, payment_id, status)
JOIN package_products pp ON pp.id = v.product_id
JOIN payments pay ON pay.id = v.payment_id;

-- Class bookings. past = false: the first session of the service at or after now() + offset;
-- past = true: the last one before now() + offset.
INSERT INTO appointments (id, customer_id, service_id, staff_id, location_id, class_session_id, starts_at, ends_at,
                          status, payment_kind, customer_package_id, payment_id,
                          cancel_window_minutes, reschedule_window_minutes, late_cancel_policy, max_reschedules, policy_snapshot,
                          booked_at, cancelled_at, cancel_reason, created_at, updated_at)
SELECT v.id, v.customer_id, cs.service_id, cs.staff_id, cs.location_id, cs.id, cs.starts_at, cs.ends_at,
       v.status, v.payment_kind, v.package_id, v.payment_id,
       720, 720, 'DENY', 2,
       '{"cancelWindowHours": 12, "rescheduleWindowHours": 12, "lateCancel": "deny", "maxReschedulesPerBooking": 2, "refundApproval": "auto"}'::jsonb,
       b.booked_at, c.cancelled_at, CASE WHEN c.cancelled_at IS NOT NULL THEN 'Travelling that week' END,
       b.booked_at, coalesce(c.cancelled_at, b.booked_at)
FROM (VALUES
    -- Maya, current pack: two upcoming classes more than a day ahead, and her history.
    ('5e000013-0000-4000-8000-000000000001'::uuid, '5e000010-0000-4000-8000-000000000001'::uuid, '5e000011-0000-4000-8000-000000000001'::uuid, NULL::uuid, '5e000003-0000-4000-8000-000000000001'::uuid, interval '2 days', false, 'BOOKED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000002', '5e000010-0000-4000-8000-000000000001', '5e000011-0000-4000-8000-000000000001', NULL, '5e000003-0000-4000-8000-000000000002', interval '6 days', false, 'BOOKED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000004', '5e000010-0000-4000-8000-000000000001', '5e000011-0000-4000-8000-000000000001', NULL, '5e000003-0000-4000-8000-000000000001', interval '-1 day', true, 'COMPLETED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000005', '5e000010-0000-4000-8000-000000000001', '5e000011-0000-4000-8000-000000000001', NULL, '5e000003-0000-4000-8000-000000000003', interval '-3 days', true, 'COMPLETED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000006', '5e000010-0000-4000-8000-000000000001', '5e000011-0000-4000-8000-000000000001', NULL, '5e000003-0000-4000-8000-000000000002', interval '-8 days', true, 'COMPLETED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000007', '5e000010-0000-4000-8000-000000000001', '5e000011-0000-4000-8000-000000000001', NULL, '5e000003-0000-4000-8000-000000000004', interval '-11 days', true, 'NO_SHOW', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000008', '5e000010-0000-4000-8000-000000000001', '5e000011-0000-4000-8000-000000000001', NULL, '5e000003-0000-4000-8000-000000000002', interval '-5 days', true, 'CANCELLED', 'CREDIT'),
    -- Maya, old pack (all five used).
    ('5e000013-0000-4000-8000-000000000009', '5e000010-0000-4000-8000-000000000001', '5e000011-0000-4000-8000-000000000002', NULL, '5e000003-0000-4000-8000-000000000001', interval '-26 days', true, 'COMPLETED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000010', '5e000010-0000-4000-8000-000000000001', '5e000011-0000-4000-8000-000000000002', NULL, '5e000003-0000-4000-8000-000000000003', interval '-33 days', true, 'COMPLETED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000011', '5e000010-0000-4000-8000-000000000001', '5e000011-0000-4000-8000-000000000002', NULL, '5e000003-0000-4000-8000-000000000001', interval '-40 days', true, 'COMPLETED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000012', '5e000010-0000-4000-8000-000000000001', '5e000011-0000-4000-8000-000000000002', NULL, '5e000003-0000-4000-8000-000000000004', interval '-47 days', true, 'COMPLETED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000013', '5e000010-0000-4000-8000-000000000001', '5e000011-0000-4000-8000-000000000002', NULL, '5e000003-0000-4000-8000-000000000002', interval '-54 days', true, 'COMPLETED', 'CREDIT'),
    -- Omar
    ('5e000013-0000-4000-8000-000000000015', '5e000010-0000-4000-8000-000000000002', '5e000011-0000-4000-8000-000000000003', NULL, '5e000003-0000-4000-8000-000000000001', interval '1 day', false, 'BOOKED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000016', '5e000010-0000-4000-8000-000000000002', '5e000011-0000-4000-8000-000000000003', NULL, '5e000003-0000-4000-8000-000000000003', interval '3 days', false, 'BOOKED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000017', '5e000010-0000-4000-8000-000000000002', '5e000011-0000-4000-8000-000000000003', NULL, '5e000003-0000-4000-8000-000000000001', interval '-2 days', true, 'COMPLETED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000018', '5e000010-0000-4000-8000-000000000002', '5e000011-0000-4000-8000-000000000003', NULL, '5e000003-0000-4000-8000-000000000002', interval '-4 days', true, 'NO_SHOW', 'CREDIT'),
    -- Chloé, Reformer-only pack
    ('5e000013-0000-4000-8000-000000000019', '5e000010-0000-4000-8000-000000000003', '5e000011-0000-4000-8000-000000000004', NULL, '5e000003-0000-4000-8000-000000000002', interval '1 day', false, 'BOOKED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000020', '5e000010-0000-4000-8000-000000000003', '5e000011-0000-4000-8000-000000000004', NULL, '5e000003-0000-4000-8000-000000000002', interval '4 days', false, 'BOOKED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000021', '5e000010-0000-4000-8000-000000000003', '5e000011-0000-4000-8000-000000000004', NULL, '5e000003-0000-4000-8000-000000000002', interval '9 days', false, 'BOOKED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000022', '5e000010-0000-4000-8000-000000000003', '5e000011-0000-4000-8000-000000000004', NULL, '5e000003-0000-4000-8000-000000000002', interval '-2 days', true, 'COMPLETED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000023', '5e000010-0000-4000-8000-000000000003', '5e000011-0000-4000-8000-000000000004', NULL, '5e000003-0000-4000-8000-000000000002', interval '-6 days', true, 'COMPLETED', 'CREDIT'),
    -- Aisha
    ('5e000013-0000-4000-8000-000000000024', '5e000010-0000-4000-8000-000000000004', '5e000011-0000-4000-8000-000000000005', NULL, '5e000003-0000-4000-8000-000000000001', interval '2 days', false, 'BOOKED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000025', '5e000010-0000-4000-8000-000000000004', '5e000011-0000-4000-8000-000000000005', NULL, '5e000003-0000-4000-8000-000000000003', interval '3 days', false, 'BOOKED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000026', '5e000010-0000-4000-8000-000000000004', '5e000011-0000-4000-8000-000000000005', NULL, '5e000003-0000-4000-8000-000000000002', interval '6 days', false, 'BOOKED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000027', '5e000010-0000-4000-8000-000000000004', '5e000011-0000-4000-8000-000000000005', NULL, '5e000003-0000-4000-8000-000000000004', interval '-1 day', true, 'COMPLETED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000028', '5e000010-0000-4000-8000-000000000004', '5e000011-0000-4000-8000-000000000005', NULL, '5e000003-0000-4000-8000-000000000001', interval '-3 days', true, 'COMPLETED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000029', '5e000010-0000-4000-8000-000000000004', '5e000011-0000-4000-8000-000000000005', NULL, '5e000003-0000-4000-8000-000000000001', interval '-20 days', true, 'COMPLETED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000030', '5e000010-0000-4000-8000-000000000004', '5e000011-0000-4000-8000-000000000005', NULL, '5e000003-0000-4000-8000-000000000003', interval '-30 days', true, 'COMPLETED', 'CREDIT'),
    -- Daniel: his intro pack is used up by these three.
    ('5e000013-0000-4000-8000-000000000032', '5e000010-0000-4000-8000-000000000005', '5e000011-0000-4000-8000-000000000006', NULL, '5e000003-0000-4000-8000-000000000001', interval '-4 days', true, 'COMPLETED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000033', '5e000010-0000-4000-8000-000000000005', '5e000011-0000-4000-8000-000000000006', NULL, '5e000003-0000-4000-8000-000000000004', interval '1 day', false, 'BOOKED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000034', '5e000010-0000-4000-8000-000000000005', '5e000011-0000-4000-8000-000000000006', NULL, '5e000003-0000-4000-8000-000000000001', interval '2 days', false, 'BOOKED', 'CREDIT'),
    -- Fatima: two classes from a pack that then expired; now pays per visit.
    ('5e000013-0000-4000-8000-000000000035', '5e000010-0000-4000-8000-000000000006', '5e000011-0000-4000-8000-000000000007', NULL, '5e000003-0000-4000-8000-000000000001', interval '-50 days', true, 'COMPLETED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000036', '5e000010-0000-4000-8000-000000000006', '5e000011-0000-4000-8000-000000000007', NULL, '5e000003-0000-4000-8000-000000000003', interval '-45 days', true, 'COMPLETED', 'CREDIT'),
    ('5e000013-0000-4000-8000-000000000037', '5e000010-0000-4000-8000-000000000006', NULL, '5e000012-0000-4000-8000-000000000010', '5e000003-0000-4000-8000-000000000001', interval '4 days', false, 'BOOKED', 'PAYMENT'),
    -- Rohan: a free trial class, then one paid at the front desk.
    ('5e000013-0000-4000-8000-000000000038', '5e000010-0000-4000-8000-000000000007', NULL, NULL, '5e000003-0000-4000-8000-000000000001', interval '1 day', false, 'BOOKED', 'FREE'),
    ('5e000013-0000-4000-8000-000000000039', '5e000010-0000-4000-8000-000000000007', NULL, NULL, '5e000003-0000-4000-8000-000000000004', interval '5 days', false, 'BOOKED', 'UNPAID_AT_STUDIO')
) AS v (id, customer_id, package_id, payment_id, service_id, offset_from_now, past, status, payment_kind)
LEFT JOIN customer_packages p ON p.id = v.package_id
CROSS JOIN LATERAL (
    SELECT cs.*
    FROM class_sessions cs
    WHERE cs.service_id = v.service_id
      AND cs.status = 'SCHEDULED'
      AND CASE WHEN v.past THEN cs.starts_at < now() + v.offset_from_now
               ELSE cs.starts_at >= now() + v.offset_from_now END
    ORDER BY CASE WHEN v.past THEN now() - cs.starts_at ELSE cs.starts_at - now() END
    LIMIT 1
) AS cs
CROSS JOIN LATERAL (
    SELECT greatest(coalesce(p.purchased_at, '-infinity') + interval '10 minutes',
                    least(now() - interval '2 hours', cs.starts_at - interval '2 days')) AS booked_at
) AS b
CROSS JOIN LATERAL (
    SELECT CASE v.status
               WHEN 'CANCELLED' THEN least(now() - interval '1 hour', cs.starts_at - interval '1 day')
               WHEN 'LATE_CANCELLED' THEN cs.starts_at - interval '3 hours'
           END AS cancelled_at
) AS c;

-- Maya's class in about three hours (the session inserted above), paid with a credit.
INSERT INTO appointments (id, customer_id, service_id, staff_id, location_id, class_session_id, starts_at, ends_at,
                          status, payment_kind, customer_package_id,
                          cancel_window_minutes, reschedule_window_minutes, late_cancel_policy, max_reschedules, policy_snapshot,
                          booked_at, created_at, updated_at)
SELECT '5e000013-0000-4000-8000-000000000003', '5e000010-0000-4000-8000-000000000001', cs.service_id, cs.staff_id,
       cs.location_id, cs.id, cs.starts_at, cs.ends_at, 'BOOKED', 'CREDIT', '5e000011-0000-4000-8000-000000000001',
       720, 720, 'DENY', 2,
       '{"cancelWindowHours": 12, "rescheduleWindowHours": 12, "lateCancel": "deny", "maxReschedulesPerBooking": 2, "refundApproval": "auto"}'::jsonb,
       now() - interval '1 day', now() - interval '1 day', now() - interval '1 day'
FROM class_sessions cs
WHERE cs.service_id = '5e000003-0000-4000-8000-000000000001'
  AND cs.starts_at BETWEEN now() + interval '150 minutes' AND now() + interval '210 minutes'
ORDER BY abs(extract(epoch FROM cs.starts_at - (now() + interval '3 hours')))
LIMIT 1;

-- Private sessions (APPOINTMENT kind, no class session): on the first of the given weekdays from
-- today + day_offset, at a local time inside the instructor's working hours.
INSERT INTO appointments (id, customer_id, service_id, staff_id, location_id, starts_at, ends_at,
                          status, payment_kind, payment_id,
                          cancel_window_minutes, reschedule_window_minutes, late_cancel_policy, max_reschedules, policy_snapshot,
                          booked_at, created_at, updated_at)
SELECT v.id, v.customer_id, s.id, v.staff_id, '5e000001-0000-4000-8000-000000000001',
       t.starts_at, t.starts_at + make_interval(mins => s.duration_minutes),
       v.status, 'PAYMENT', v.payment_id,
       720, 720, 'DENY', 2,
       '{"cancelWindowHours": 12, "rescheduleWindowHours": 12, "lateCancel": "deny", "maxReschedulesPerBooking": 2, "refundApproval": "auto"}'::jsonb,
       pay.created_at, pay.created_at, pay.created_at
FROM (VALUES
    -- Maya with Arjun (Mon/Wed/Fri 10-15), about three weeks ago.
    ('5e000013-0000-4000-8000-000000000014'::uuid, '5e000010-0000-4000-8000-000000000001'::uuid, '5e000002-0000-4000-8000-000000000003'::uuid,
     '5e000012-0000-4000-8000-000000000008'::uuid, -21, ARRAY[1, 3, 5], time '11:00', 'COMPLETED'),
    -- Aisha with Hannah (Tue/Thu 13:30-17), next week.
    ('5e000013-0000-4000-8000-000000000031', '5e000010-0000-4000-8000-000000000004', '5e000002-0000-4000-8000-000000000004',
     '5e000012-0000-4000-8000-000000000009', 3, ARRAY[2, 4], time '14:00', 'BOOKED')
) AS v (id, customer_id, staff_id, payment_id, day_offset, days, local_time, status)
JOIN services s ON s.id = '5e000003-0000-4000-8000-000000000005'
JOIN payments pay ON pay.id = v.payment_id
CROSS JOIN LATERAL (
    SELECT (d.day + v.local_time) AT TIME ZONE 'Asia/Dubai' AS starts_at
    FROM (SELECT (now() AT TIME ZONE 'Asia/Dubai')::date + v.day_offset + k AS day FROM generate_series(0, 6) AS k) AS d
    WHERE extract(isodow FROM d.day)::int = ANY (v.days)
    ORDER BY d.day
    LIMIT 1
) AS t;

-- The credit ledger, derived from the packages and bookings above: the purchase opens each
-- package, every credit booking takes one, a cancellation in time gives it back.
INSERT INTO credit_ledger (customer_package_id, customer_id, at, delta, reason, appointment_id, note, actor)
SELECT e.customer_package_id, e.customer_id, e.at, e.delta, e.reason, e.appointment_id, e.note, e.actor
FROM (
    SELECT p.id AS customer_package_id, p.customer_id, p.purchased_at AS at, p.credits_total AS delta,
           CASE WHEN p.payment_id IS NULL THEN 'GRANT' ELSE 'PURCHASE' END AS reason,
           NULL::uuid AS appointment_id, p.name AS note, 'system' AS actor
    FROM customer_packages p
    UNION ALL
    SELECT a.customer_package_id, a.customer_id, a.booked_at, -1, 'BOOKING', a.id, NULL, 'customer:' || a.customer_id
    FROM appointments a
    WHERE a.payment_kind = 'CREDIT'
    UNION ALL
    SELECT a.customer_package_id, a.customer_id, a.cancelled_at, 1, 'CANCEL_REFUND', a.id, 'Cancelled in time', 'customer:' || a.customer_id
    FROM appointments a
    WHERE a.payment_kind = 'CREDIT' AND a.status = 'CANCELLED'
) AS e
ORDER BY e.at;

-- Credits left on an expired package lapse on its expiry date.
INSERT INTO credit_ledger (customer_package_id, customer_id, at, delta, reason, note, actor)
SELECT p.id, p.customer_id, p.expires_at, -l.balance, 'EXPIRY', 'Package expired', 'system'
FROM customer_packages p
JOIN (SELECT customer_package_id, sum(delta)::int AS balance FROM credit_ledger GROUP BY customer_package_id) AS l
  ON l.customer_package_id = p.id
WHERE p.status = 'EXPIRED' AND l.balance > 0;

UPDATE customer_packages p
SET credits_remaining = l.balance,
    status = CASE WHEN p.status = 'ACTIVE' AND l.balance = 0 THEN 'EXHAUSTED' ELSE p.status END,
    updated_at = l.last_at
FROM (SELECT customer_package_id, sum(delta)::int AS balance, max(at) AS last_at
      FROM credit_ledger GROUP BY customer_package_id) AS l
WHERE l.customer_package_id = p.id;

-- Seats taken: every booking in a session that was not cancelled.
UPDATE class_sessions cs
SET booked_count = n.taken
FROM (SELECT class_session_id, count(*)::int AS taken
      FROM appointments
      WHERE class_session_id IS NOT NULL AND status IN ('BOOKED', 'COMPLETED', 'NO_SHOW')
      GROUP BY class_session_id) AS n
WHERE n.class_session_id = cs.id;

-- The provider's webhooks for the payments above, as the Stripe plugin would have recorded them.
INSERT INTO payment_events (provider, provider_event_id, type, payment_id, received_at, processed_at, payload)
SELECT p.provider, 'evt_demo_ser_' || right(p.provider_payment_id, 4), 'payment_intent.succeeded', p.id,
       p.created_at + interval '3 seconds', p.created_at + interval '4 seconds',
       jsonb_build_object('id', 'evt_demo_ser_' || right(p.provider_payment_id, 4), 'type', 'payment_intent.succeeded',
                          'data', jsonb_build_object('object', jsonb_build_object(
                              'id', p.provider_payment_id, 'amount', p.amount_minor, 'currency', lower(p.currency),
                              'status', 'succeeded', 'metadata', jsonb_build_object('paymentId', p.id, 'tenant', 'serenity'))))
FROM payments p
WHERE p.status = 'SUCCEEDED'
ORDER BY p.created_at;

INSERT INTO audit_logs (at, customer_id, actor_type, actor_id, action, target_type, target_id, ip, user_agent, details)
VALUES
    (now() - interval '30 days', '5e000010-0000-4000-8000-000000000001', 'SYSTEM', 'pay-stripe', 'package.purchased',
     'customer_package', '5e000011-0000-4000-8000-000000000001', NULL, NULL,
     '{"name": "10-Class Pack", "credits": 10, "amount": 95000, "currency": "AED"}'),
    (now() - interval '20 days', '5e000010-0000-4000-8000-000000000001', 'CUSTOMER', '5e000010-0000-4000-8000-000000000001',
     'preferences.updated', 'customer', '5e000010-0000-4000-8000-000000000001', '94.200.12.34',
     'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
     '{"changed": ["whatsappOptIn", "marketingConsent"]}'),
    (now() - interval '1 day 10 minutes', '5e000010-0000-4000-8000-000000000001', 'CUSTOMER', '5e000010-0000-4000-8000-000000000001',
     'auth.link_requested', 'customer', '5e000010-0000-4000-8000-000000000001', '94.200.12.34',
     'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
     '{"channel": "EMAIL"}'),
    (now() - interval '1 day 8 minutes', '5e000010-0000-4000-8000-000000000001', 'CUSTOMER', '5e000010-0000-4000-8000-000000000001',
     'auth.login', 'customer', '5e000010-0000-4000-8000-000000000001', '94.200.12.34',
     'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
     '{"channel": "EMAIL"}'),
    (now() - interval '1 day', '5e000010-0000-4000-8000-000000000001', 'CUSTOMER', '5e000010-0000-4000-8000-000000000001',
     'appointment.booked', 'appointment', '5e000013-0000-4000-8000-000000000003', '94.200.12.34',
     'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
     '{"service": "Vinyasa Flow", "paidWith": "CREDIT"}'),
    (now() - interval '1 day', NULL, 'ADMIN', 'owner@serenity.example', 'service.updated', 'service',
     '5e000003-0000-4000-8000-000000000002', '94.200.40.2', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
     '{"changed": ["description"]}');

INSERT INTO audit_logs (at, customer_id, actor_type, actor_id, action, target_type, target_id, ip, user_agent, details)
SELECT a.cancelled_at, a.customer_id, 'CUSTOMER', a.customer_id::text, 'appointment.cancelled', 'appointment', a.id::text,
       '94.200.12.34', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
       jsonb_build_object('creditOutcome', 'REFUNDED', 'reason', a.cancel_reason)
FROM appointments a
WHERE a.id = '5e000013-0000-4000-8000-000000000008';
