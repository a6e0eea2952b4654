-- Studio admins manage customers: deactivate them, merge duplicates into one record, and move credits by hand.

-- A merged duplicate keeps its row (audit and history point at it by id) but says where it went. It may give its
-- email and phone to the survivor, so it alone may be left with no contact.
ALTER TABLE customers DROP CONSTRAINT customers_status_check;
ALTER TABLE customers ADD CONSTRAINT customers_status_check CHECK (status IN ('ACTIVE', 'DEACTIVATED', 'MERGED'));
ALTER TABLE customers ADD COLUMN merged_into uuid REFERENCES customers (id);
ALTER TABLE customers ADD CONSTRAINT customers_merged_into_set CHECK ((status = 'MERGED') = (merged_into IS NOT NULL));
ALTER TABLE customers ADD CONSTRAINT customers_merged_into_other CHECK (merged_into <> id);
ALTER TABLE customers DROP CONSTRAINT customers_contact_required;
ALTER TABLE customers ADD CONSTRAINT customers_contact_required
    CHECK (status = 'MERGED' OR email IS NOT NULL OR phone IS NOT NULL);
-- Admin search and its keyset order (last name, first name, id).
CREATE INDEX customers_admin_order_idx ON customers (lower(last_name), lower(first_name), id);

-- A merge hands a duplicate's packages, bookings and ledger to the survivor in one transaction. These composite
-- keys tie them to one owner, so they are checked at commit when the merge defers them; everywhere else they stay
-- immediate.
ALTER TABLE appointments ALTER CONSTRAINT appointments_package_owner_fk DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE credit_ledger ALTER CONSTRAINT credit_ledger_package_owner_fk DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE credit_ledger ALTER CONSTRAINT credit_ledger_appointment_owner_fk DEFERRABLE INITIALLY IMMEDIATE;

-- The ledger stays append-only, except that a merge may hand an entry to the surviving customer: the movement
-- itself (package, amount, reason, time, actor) can never change.
CREATE OR REPLACE FUNCTION credit_ledger_reject_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.customer_id IS DISTINCT FROM OLD.customer_id
       AND (NEW.id, NEW.customer_package_id, NEW.at, NEW.delta, NEW.reason, NEW.appointment_id, NEW.note, NEW.actor)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.customer_package_id, OLD.at, OLD.delta, OLD.reason, OLD.appointment_id, OLD.note, OLD.actor) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'credit_ledger is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'P0001', HINT = 'Insert a compensating ADJUSTMENT entry instead.';
END;
$$;
