-- Pay-per-visit holds a place while the customer pays: PENDING_PAYMENT until the provider confirms, released when
-- payment fails or the hold expires.
ALTER TABLE appointments DROP CONSTRAINT appointments_status_check;
ALTER TABLE appointments ADD CONSTRAINT appointments_status_check
    CHECK (status IN ('PENDING_PAYMENT', 'BOOKED', 'CANCELLED', 'LATE_CANCELLED', 'COMPLETED', 'NO_SHOW'));
ALTER TABLE appointments ADD COLUMN hold_expires_at timestamptz;

-- A held place counts like a booked one.
DROP INDEX appointments_one_per_session_uq;
CREATE UNIQUE INDEX appointments_one_per_session_uq
    ON appointments (class_session_id, customer_id)
    WHERE status IN ('BOOKED', 'PENDING_PAYMENT') AND class_session_id IS NOT NULL;
DROP INDEX appointments_staff_slot_uq;
CREATE UNIQUE INDEX appointments_staff_slot_uq
    ON appointments (staff_id, starts_at)
    WHERE status IN ('BOOKED', 'PENDING_PAYMENT') AND class_session_id IS NULL;

-- What a payment is for, and where its refund stands.
ALTER TABLE payments ADD COLUMN appointment_id uuid REFERENCES appointments (id);
ALTER TABLE payments ADD COLUMN package_product_id uuid REFERENCES package_products (id);
ALTER TABLE payments ADD COLUMN refund_status text NOT NULL DEFAULT 'NONE'
    CHECK (refund_status IN ('NONE', 'PENDING_APPROVAL', 'REQUESTED', 'REFUNDED', 'FAILED'));

-- A paid purchase credits exactly one package, however often the provider tells us.
CREATE UNIQUE INDEX customer_packages_payment_uq ON customer_packages (payment_id) WHERE payment_id IS NOT NULL;
