-- Ironworks Gym: demo customers and their history. Runs once per tenant (the Java side guards it
-- with the demo_seeds registry table), right after schedule.sql, in the tenant's schema.
-- Everything is relative to now(). Appointments pick sessions from the generated timetable by
-- service and offset; consistency (seats taken, credits left) is derived at the end, not typed in.
--
-- Policy in force for this gym (frozen into each appointment): 6 h cancel and reschedule windows,
-- a late cancellation is allowed but forfeits the credit, 1 reschedule per booking, manual refunds.

-- History: repeat the timetable of 14..8 days ago for the 7 weeks before it (London local time).
INSERT INTO class_sessions (service_id, staff_id, location_id, starts_at, ends_at, capacity)
SELECT cs.service_id, cs.staff_id, cs.location_id,
       ((cs.starts_at AT TIME ZONE 'Europe/London') - make_interval(days => 7 * w)) AT TIME ZONE 'Europe/London',
       ((cs.ends_at AT TIME ZONE 'Europe/London') - make_interval(days => 7 * w)) AT TIME ZONE 'Europe/London',
       cs.capacity
FROM class_sessions cs
CROSS JOIN generate_series(1, 7) AS w
WHERE cs.status = 'SCHEDULED'
  AND (cs.starts_at AT TIME ZONE 'Europe/London')::date
      BETWEEN (now() AT TIME ZONE 'Europe/London')::date - 14 AND (now() AT TIME ZONE 'Europe/London')::date - 8
ORDER BY 4
ON CONFLICT (service_id, starts_at) DO NOTHING;

-- A HIIT class about two hours from now (whole hour, 1.5-2.5 h ahead), inside the 6 h window:
-- Sam's late-cancel demo (allowed, credit forfeited).
INSERT INTO class_sessions (service_id, staff_id, location_id, starts_at, ends_at, capacity)
SELECT s.id, '1c000002-0000-4000-8000-000000000002', '1c000001-0000-4000-8000-000000000001',
       t.starts_at, t.starts_at + make_interval(mins => s.duration_minutes), s.capacity
FROM services s
CROSS JOIN (SELECT date_trunc('hour', now() + interval '30 minutes') + interval '2 hours' AS starts_at) AS t
WHERE s.id = '1c000003-0000-4000-8000-000000000002'
ON CONFLICT (service_id, starts_at) DO NOTHING;

-- Customers. maya@example.com also exists at Serenity, with other data: studios share nothing.
INSERT INTO customers (id, member_number, first_name, last_name, email, phone, timezone, locale, created_at, updated_at) VALUES
    ('1c000010-0000-4000-8000-000000000001', '100001', 'Sam', 'Okafor', 'sam@example.com', '+447700900123', 'Europe/London', 'en', now() - interval '100 days', now() - interval '100 days'),
    ('1c000010-0000-4000-8000-000000000003', '100002', 'Jack', 'Whitfield', 'jack.whitfield@example.com', '+447700900456', 'Europe/London', 'en', now() - interval '90 days', now() - interval '90 days'),
    ('1c000010-0000-4000-8000-000000000004', '100003', 'Amara', 'Osei', 'amara@example.com', NULL, 'Europe/London', 'en', now() - interval '80 days', now() - interval '80 days'),
    ('1c000010-0000-4000-8000-000000000005', '100004', 'Liam', 'O''Connor', NULL, '+447700900789', 'Europe/London', 'en', now() - interval '70 days', now() - interval '70 days'),
    ('1c000010-0000-4000-8000-000000000006', '100005', 'Zofia', 'Nowak', 'zofia@example.com', '+447700900321', 'Europe/London', 'en', now() - interval '65 days', now() - interval '65 days'),
    ('1c000010-0000-4000-8000-000000000002', '100006', 'Maya', 'Haddad', 'maya@example.com', '+971501234567', 'Europe/London', 'ar', now() - interval '62 days', now() - interval '25 days'),
    ('1c000010-0000-4000-8000-000000000007', '100007', 'Ben', 'Carter', 'ben.carter@example.com', NULL, 'Europe/London', 'en', now() - interval '3 days', now() - interval '3 days');

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
    ('1c000010-0000-4000-8000-000000000001'::uuid, true, true, false, true, 12),
    ('1c000010-0000-4000-8000-000000000002', true, false, true, false, 3),
    ('1c000010-0000-4000-8000-000000000003', true, true, false, false, 24),
    ('1c000010-0000-4000-8000-000000000004', true, false, false, true, 24),
    ('1c000010-0000-4000-8000-000000000005', false, true, false, false, 2),
    ('1c000010-0000-4000-8000-000000000006', true, true, false, false, 24),
    ('1c000010-0000-4000-8000-000000000007', true, false, false, false, 24)
) AS v (customer_id, email_opt_in, sms_opt_in, whatsapp_opt_in, marketing_consent, reminder_hours_before)
JOIN customers c ON c.id = v.customer_id;

-- Payments through the Stripe plugin (demo ids; nothing real behind them). Ben's card was declined.
INSERT INTO payments (id, customer_id, provider, provider_payment_id, provider_customer_id, idempotency_key, purpose,
                      amount_minor, currency, status, description, receipt_url, failure_reason, created_at, updated_at)
SELECT v.id, v.customer_id, 'pay-stripe', 'pi_demo_irn_' || v.n, 'cus_demo_irn_' || v.cus, 'demo-ironworks-payment-' || v.n,
       v.purpose, v.amount_minor, 'GBP', v.status, v.description,
       CASE WHEN v.status = 'SUCCEEDED' THEN 'https://pay.stripe.com/receipts/demo_irn_' || v.n END,
       CASE WHEN v.status = 'FAILED' THEN 'Your card was declined.' END,
       now() - v.ago, now() - v.ago
FROM (VALUES
    ('1c000012-0000-4000-8000-000000000001'::uuid, '0001', '1c000010-0000-4000-8000-000000000001'::uuid, 'sam', 'PACKAGE_PURCHASE', 12000::bigint, '10-Class Pass', 'SUCCEEDED', interval '12 days'),
    ('1c000012-0000-4000-8000-000000000002', '0002', '1c000010-0000-4000-8000-000000000002', 'maya', 'PACKAGE_PURCHASE', 20000, '20-Visit Gym Pass', 'SUCCEEDED', interval '25 days'),
    ('1c000012-0000-4000-8000-000000000003', '0003', '1c000010-0000-4000-8000-000000000002', 'maya', 'PACKAGE_PURCHASE', 2500, 'Intro Offer — 3 Classes', 'SUCCEEDED', interval '60 days'),
    ('1c000012-0000-4000-8000-000000000004', '0004', '1c000010-0000-4000-8000-000000000003', 'jack', 'PACKAGE_PURCHASE', 30000, 'PT 5-Pack', 'SUCCEEDED', interval '15 days'),
    ('1c000012-0000-4000-8000-000000000005', '0005', '1c000010-0000-4000-8000-000000000004', 'amara', 'PACKAGE_PURCHASE', 12000, '10-Class Pass', 'SUCCEEDED', interval '30 days'),
    ('1c000012-0000-4000-8000-000000000006', '0006', '1c000010-0000-4000-8000-000000000006', 'zofia', 'PACKAGE_PURCHASE', 8800, 'Olympic Lifting 4-Pack', 'SUCCEEDED', interval '20 days'),
    ('1c000012-0000-4000-8000-000000000007', '0007', '1c000010-0000-4000-8000-000000000005', 'liam', 'PAY_PER_VISIT', 1400, 'Spin (drop-in)', 'SUCCEEDED', interval '1 day'),
    ('1c000012-0000-4000-8000-000000000008', '0008', '1c000010-0000-4000-8000-000000000007', 'ben', 'PACKAGE_PURCHASE', 12000, '10-Class Pass', 'FAILED', interval '2 days')
) AS v (id, n, customer_id, cus, purpose, amount_minor, description, status, ago);

-- Packages, opened with the payment that bought them. credits_remaining is set from the ledger below.
INSERT INTO customer_packages (id, customer_id, package_product_id, name, service_ids, credits_total, credits_remaining,
                               purchased_at, expires_at, status, payment_id, created_at, updated_at)
SELECT v.id, pay.customer_id, pp.id, pp.name, pp.service_ids, pp.credits, pp.credits,
       pay.created_at, pay.created_at + make_interval(days => pp.validity_days), v.status, pay.id, pay.created_at, pay.created_at
FROM (VALUES
    ('1c000011-0000-4000-8000-000000000001'::uuid, '1c000005-0000-4000-8000-000000000002'::uuid, '1c000012-0000-4000-8000-000000000001'::uuid, 'ACTIVE'),
    -- Maya: a 20-visit pass, and the intro offer she started with (expired with credits left).
    ('1c000011-0000-4000-8000-000000000002', '1c000005-0000-4000-8000-000000000003', '1c000012-0000-4000-8000-000000000002', 'ACTIVE'),
    ('1c000011-0000-4000-8000-000000000003', '1c000005-0000-4000-8000-000000000001', '1c000012-0000-4000-8000-000000000003', 'EXPIRED'),
    ('1c000011-0000-4000-8000-000000000004', '1c000005-0000-4000-8000-000000000005', '1c000012-0000-4000-8000-000000000004', 'ACTIVE'),
    ('1c000011-0000-4000-8000-000000000005', '1c000005-0000-4000-8000-000000000002', '1c000012-0000-4000-8000-000000000005', 'ACTIVE'),
    ('1c000011-0000-4000-8000-000000000006', '1c000005-0000-4000-8000-000000000004', '1c000012-0000-4000-8000-000000000006', 'ACTIVE')
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
       360, 360, 'FORFEIT', 1,
       '{"cancelWindowHours": 6, "rescheduleWindowHours": 6, "lateCancel": "forfeit", "maxReschedulesPerBooking": 1, "refundApproval": "manual"}'::jsonb,
       b.booked_at, c.cancelled_at,
       CASE v.status WHEN 'CANCELLED' THEN 'Work trip' WHEN 'LATE_CANCELLED' THEN 'Stuck at work' END,
       b.booked_at, coalesce(c.cancelled_at, b.booked_at)
FROM (VALUES
    -- Sam
    ('1c000013-0000-4000-8000-000000000002'::uuid, '1c000010-0000-4000-8000-000000000001'::uuid, '1c000011-0000-4000-8000-000000000001'::uuid, NULL::uuid, '1c000003-0000-4000-8000-000000000001'::uuid, interval '1 day', false, 'BOOKED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000003', '1c000010-0000-4000-8000-000000000001', '1c000011-0000-4000-8000-000000000001', NULL, '1c000003-0000-4000-8000-000000000003', interval '3 days', false, 'BOOKED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000004', '1c000010-0000-4000-8000-000000000001', '1c000011-0000-4000-8000-000000000001', NULL, '1c000003-0000-4000-8000-000000000001', interval '-2 days', true, 'COMPLETED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000005', '1c000010-0000-4000-8000-000000000001', '1c000011-0000-4000-8000-000000000001', NULL, '1c000003-0000-4000-8000-000000000002', interval '-4 days', true, 'NO_SHOW', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000006', '1c000010-0000-4000-8000-000000000001', '1c000011-0000-4000-8000-000000000001', NULL, '1c000003-0000-4000-8000-000000000003', interval '-7 days', true, 'CANCELLED', 'CREDIT'),
    -- Maya, 20-visit pass
    ('1c000013-0000-4000-8000-000000000007', '1c000010-0000-4000-8000-000000000002', '1c000011-0000-4000-8000-000000000002', NULL, '1c000003-0000-4000-8000-000000000001', interval '1 day', false, 'BOOKED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000008', '1c000010-0000-4000-8000-000000000002', '1c000011-0000-4000-8000-000000000002', NULL, '1c000003-0000-4000-8000-000000000004', interval '2 days', false, 'BOOKED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000009', '1c000010-0000-4000-8000-000000000002', '1c000011-0000-4000-8000-000000000002', NULL, '1c000003-0000-4000-8000-000000000003', interval '4 days', false, 'BOOKED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000010', '1c000010-0000-4000-8000-000000000002', '1c000011-0000-4000-8000-000000000002', NULL, '1c000003-0000-4000-8000-000000000002', interval '-1 day', true, 'COMPLETED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000011', '1c000010-0000-4000-8000-000000000002', '1c000011-0000-4000-8000-000000000002', NULL, '1c000003-0000-4000-8000-000000000001', interval '-3 days', true, 'COMPLETED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000012', '1c000010-0000-4000-8000-000000000002', '1c000011-0000-4000-8000-000000000002', NULL, '1c000003-0000-4000-8000-000000000003', interval '-6 days', true, 'LATE_CANCELLED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000013', '1c000010-0000-4000-8000-000000000002', '1c000011-0000-4000-8000-000000000002', NULL, '1c000003-0000-4000-8000-000000000002', interval '-9 days', true, 'COMPLETED', 'CREDIT'),
    -- Maya, intro offer
    ('1c000013-0000-4000-8000-000000000014', '1c000010-0000-4000-8000-000000000002', '1c000011-0000-4000-8000-000000000003', NULL, '1c000003-0000-4000-8000-000000000001', interval '-55 days', true, 'COMPLETED', 'CREDIT'),
    -- Jack: a class he pays for at the desk (his PT pack does not cover classes)
    ('1c000013-0000-4000-8000-000000000017', '1c000010-0000-4000-8000-000000000003', NULL, NULL, '1c000003-0000-4000-8000-000000000002', interval '1 day', false, 'BOOKED', 'UNPAID_AT_STUDIO'),
    -- Amara
    ('1c000013-0000-4000-8000-000000000018', '1c000010-0000-4000-8000-000000000004', '1c000011-0000-4000-8000-000000000005', NULL, '1c000003-0000-4000-8000-000000000002', interval '1 day', false, 'BOOKED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000019', '1c000010-0000-4000-8000-000000000004', '1c000011-0000-4000-8000-000000000005', NULL, '1c000003-0000-4000-8000-000000000003', interval '2 days', false, 'BOOKED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000020', '1c000010-0000-4000-8000-000000000004', '1c000011-0000-4000-8000-000000000005', NULL, '1c000003-0000-4000-8000-000000000001', interval '5 days', false, 'BOOKED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000021', '1c000010-0000-4000-8000-000000000004', '1c000011-0000-4000-8000-000000000005', NULL, '1c000003-0000-4000-8000-000000000001', interval '-1 day', true, 'COMPLETED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000022', '1c000010-0000-4000-8000-000000000004', '1c000011-0000-4000-8000-000000000005', NULL, '1c000003-0000-4000-8000-000000000003', interval '-3 days', true, 'COMPLETED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000023', '1c000010-0000-4000-8000-000000000004', '1c000011-0000-4000-8000-000000000005', NULL, '1c000003-0000-4000-8000-000000000002', interval '-8 days', true, 'COMPLETED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000024', '1c000010-0000-4000-8000-000000000004', '1c000011-0000-4000-8000-000000000005', NULL, '1c000003-0000-4000-8000-000000000004', interval '-10 days', true, 'COMPLETED', 'CREDIT'),
    -- Zofia, Olympic lifting pack
    ('1c000013-0000-4000-8000-000000000025', '1c000010-0000-4000-8000-000000000006', '1c000011-0000-4000-8000-000000000006', NULL, '1c000003-0000-4000-8000-000000000004', interval '1 day', false, 'BOOKED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000026', '1c000010-0000-4000-8000-000000000006', '1c000011-0000-4000-8000-000000000006', NULL, '1c000003-0000-4000-8000-000000000004', interval '-1 day', true, 'COMPLETED', 'CREDIT'),
    ('1c000013-0000-4000-8000-000000000027', '1c000010-0000-4000-8000-000000000006', '1c000011-0000-4000-8000-000000000006', NULL, '1c000003-0000-4000-8000-000000000004', interval '-8 days', true, 'COMPLETED', 'CREDIT'),
    -- Liam: a paid drop-in and one paid at the desk
    ('1c000013-0000-4000-8000-000000000028', '1c000010-0000-4000-8000-000000000005', NULL, '1c000012-0000-4000-8000-000000000007', '1c000003-0000-4000-8000-000000000003', interval '1 day', false, 'BOOKED', 'PAYMENT'),
    ('1c000013-0000-4000-8000-000000000029', '1c000010-0000-4000-8000-000000000005', NULL, NULL, '1c000003-0000-4000-8000-000000000001', interval '3 days', false, 'BOOKED', 'UNPAID_AT_STUDIO'),
    -- Ben: free trial
    ('1c000013-0000-4000-8000-000000000030', '1c000010-0000-4000-8000-000000000007', NULL, NULL, '1c000003-0000-4000-8000-000000000002', interval '2 days', false, 'BOOKED', 'FREE')
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

-- Sam's HIIT in about two hours (the session inserted above), paid with a credit.
INSERT INTO appointments (id, customer_id, service_id, staff_id, location_id, class_session_id, starts_at, ends_at,
                          status, payment_kind, customer_package_id,
                          cancel_window_minutes, reschedule_window_minutes, late_cancel_policy, max_reschedules, policy_snapshot,
                          booked_at, created_at, updated_at)
SELECT '1c000013-0000-4000-8000-000000000001', '1c000010-0000-4000-8000-000000000001', cs.service_id, cs.staff_id,
       cs.location_id, cs.id, cs.starts_at, cs.ends_at, 'BOOKED', 'CREDIT', '1c000011-0000-4000-8000-000000000001',
       360, 360, 'FORFEIT', 1,
       '{"cancelWindowHours": 6, "rescheduleWindowHours": 6, "lateCancel": "forfeit", "maxReschedulesPerBooking": 1, "refundApproval": "manual"}'::jsonb,
       now() - interval '20 hours', now() - interval '20 hours', now() - interval '20 hours'
FROM class_sessions cs
WHERE cs.service_id = '1c000003-0000-4000-8000-000000000002'
  AND cs.starts_at BETWEEN now() + interval '90 minutes' AND now() + interval '150 minutes'
ORDER BY abs(extract(epoch FROM cs.starts_at - (now() + interval '2 hours')))
LIMIT 1;

-- Personal training (APPOINTMENT kind, no class session), paid from Jack's PT pack: on the first
-- of the given weekdays from today + day_offset, inside the coach's working hours.
INSERT INTO appointments (id, customer_id, service_id, staff_id, location_id, starts_at, ends_at,
                          status, payment_kind, customer_package_id,
                          cancel_window_minutes, reschedule_window_minutes, late_cancel_policy, max_reschedules, policy_snapshot,
                          booked_at, created_at, updated_at)
SELECT v.id, v.customer_id, s.id, v.staff_id, '1c000001-0000-4000-8000-000000000001',
       t.starts_at, t.starts_at + make_interval(mins => s.duration_minutes),
       v.status, 'CREDIT', v.package_id,
       360, 360, 'FORFEIT', 1,
       '{"cancelWindowHours": 6, "rescheduleWindowHours": 6, "lateCancel": "forfeit", "maxReschedulesPerBooking": 1, "refundApproval": "manual"}'::jsonb,
       b.booked_at, b.booked_at, b.booked_at
FROM (VALUES
    -- With Marcus (Mon-Fri 09-12), last week and next week.
    ('1c000013-0000-4000-8000-000000000015'::uuid, '1c000010-0000-4000-8000-000000000003'::uuid, '1c000002-0000-4000-8000-000000000001'::uuid,
     '1c000011-0000-4000-8000-000000000004'::uuid, -6, ARRAY[1, 2, 3, 4, 5], time '10:00', 'COMPLETED'),
    ('1c000013-0000-4000-8000-000000000016', '1c000010-0000-4000-8000-000000000003', '1c000002-0000-4000-8000-000000000001',
     '1c000011-0000-4000-8000-000000000004', 2, ARRAY[1, 2, 3, 4, 5], time '09:00', 'BOOKED')
) AS v (id, customer_id, staff_id, package_id, day_offset, days, local_time, status)
JOIN services s ON s.id = '1c000003-0000-4000-8000-000000000005'
JOIN customer_packages p ON p.id = v.package_id
CROSS JOIN LATERAL (
    SELECT (d.day + v.local_time) AT TIME ZONE 'Europe/London' AS starts_at
    FROM (SELECT (now() AT TIME ZONE 'Europe/London')::date + v.day_offset + k AS day FROM generate_series(0, 6) AS k) AS d
    WHERE extract(isodow FROM d.day)::int = ANY (v.days)
    ORDER BY d.day
    LIMIT 1
) AS t
CROSS JOIN LATERAL (
    SELECT greatest(p.purchased_at + interval '10 minutes',
                    least(now() - interval '2 hours', t.starts_at - interval '2 days')) AS booked_at
) AS b;

-- The credit ledger, derived from the packages and bookings above: the purchase opens each
-- package, every credit booking takes one, a cancellation in time gives it back (a late one does not).
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
SELECT p.provider, 'evt_demo_irn_' || right(p.provider_payment_id, 4), e.type, p.id,
       p.created_at + interval '3 seconds', p.created_at + interval '4 seconds',
       jsonb_build_object('id', 'evt_demo_irn_' || right(p.provider_payment_id, 4), 'type', e.type,
                          'data', jsonb_build_object('object', jsonb_build_object(
                              'id', p.provider_payment_id, 'amount', p.amount_minor, 'currency', lower(p.currency),
                              'status', e.stripe_status, 'metadata', jsonb_build_object('paymentId', p.id, 'tenant', 'ironworks'))))
FROM payments p
CROSS JOIN LATERAL (
    SELECT CASE p.status WHEN 'SUCCEEDED' THEN 'payment_intent.succeeded' ELSE 'payment_intent.payment_failed' END AS type,
           CASE p.status WHEN 'SUCCEEDED' THEN 'succeeded' ELSE 'requires_payment_method' END AS stripe_status
) AS e
WHERE p.status IN ('SUCCEEDED', 'FAILED')
ORDER BY p.created_at;

INSERT INTO audit_logs (at, customer_id, actor_type, actor_id, action, target_type, target_id, ip, user_agent, details)
VALUES
    (now() - interval '25 days', '1c000010-0000-4000-8000-000000000002', 'SYSTEM', 'pay-stripe', 'package.purchased',
     'customer_package', '1c000011-0000-4000-8000-000000000002', NULL, NULL,
     '{"name": "20-Visit Gym Pass", "credits": 20, "amount": 20000, "currency": "GBP"}'),
    (now() - interval '2 days', '1c000010-0000-4000-8000-000000000007', 'SYSTEM', 'pay-stripe', 'payment.failed',
     'payment', '1c000012-0000-4000-8000-000000000008', NULL, NULL,
     '{"reason": "card_declined", "amount": 12000, "currency": "GBP"}'),
    (now() - interval '20 hours 5 minutes', '1c000010-0000-4000-8000-000000000001', 'CUSTOMER', '1c000010-0000-4000-8000-000000000001',
     'auth.link_requested', 'customer', '1c000010-0000-4000-8000-000000000001', '81.2.69.160',
     'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Mobile Safari/537.36',
     '{"channel": "SMS"}'),
    (now() - interval '20 hours 3 minutes', '1c000010-0000-4000-8000-000000000001', 'CUSTOMER', '1c000010-0000-4000-8000-000000000001',
     'auth.login', 'customer', '1c000010-0000-4000-8000-000000000001', '81.2.69.160',
     'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Mobile Safari/537.36',
     '{"channel": "SMS"}'),
    (now() - interval '20 hours', '1c000010-0000-4000-8000-000000000001', 'CUSTOMER', '1c000010-0000-4000-8000-000000000001',
     'appointment.booked', 'appointment', '1c000013-0000-4000-8000-000000000001', '81.2.69.160',
     'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Mobile Safari/537.36',
     '{"service": "HIIT", "paidWith": "CREDIT"}');

INSERT INTO audit_logs (at, customer_id, actor_type, actor_id, action, target_type, target_id, ip, user_agent, details)
SELECT a.cancelled_at, a.customer_id, 'CUSTOMER', a.customer_id::text, 'appointment.cancelled', 'appointment', a.id::text,
       '81.2.69.142', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
       jsonb_build_object('creditOutcome', CASE a.status WHEN 'CANCELLED' THEN 'REFUNDED' ELSE 'FORFEITED' END, 'reason', a.cancel_reason)
FROM appointments a
WHERE a.id IN ('1c000013-0000-4000-8000-000000000006', '1c000013-0000-4000-8000-000000000012')
ORDER BY a.cancelled_at;
