-- One studio's domain. Runs once per tenant schema with search_path set to that schema, so no
-- name here is schema-qualified and nothing here may reach another schema. PostgreSQL 15+,
-- no extensions: gen_random_uuid() is built in.
--
-- Conventions: uuid keys, timestamptz instants (UTC), money as *_minor bigint + currency char(3),
-- enum-like columns as upper-case text with a CHECK, `version` for optimistic locking on rows that
-- change. updated_at is set by the application (no trigger).

-- ---------------------------------------------------------------------------------------------
-- Customers
-- ---------------------------------------------------------------------------------------------

-- Member numbers the database hands out when the application gives none: '100001', '100002', ...
CREATE SEQUENCE customer_member_number_seq START WITH 100001;

CREATE TABLE customers (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    member_number  text        NOT NULL DEFAULT nextval('customer_member_number_seq')::text
                               CONSTRAINT customers_member_number_key UNIQUE
                               CONSTRAINT customers_member_number_format CHECK (member_number ~ '^[A-Z0-9][A-Z0-9-]{2,31}$'),
    first_name     text        NOT NULL CHECK (length(btrim(first_name)) BETWEEN 1 AND 100),
    last_name      text        NOT NULL CHECK (length(last_name) <= 100),
    -- Stored lower-cased (no citext: it is an extension).
    email          text        CONSTRAINT customers_email_key UNIQUE
                               CONSTRAINT customers_email_lower CHECK (email = lower(email))
                               CONSTRAINT customers_email_format CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
    -- E.164.
    phone          text        CONSTRAINT customers_phone_key UNIQUE
                               CONSTRAINT customers_phone_e164 CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    timezone       text        NOT NULL DEFAULT 'Asia/Dubai'
                               CONSTRAINT customers_timezone_format CHECK (timezone ~ '^[A-Za-z][A-Za-z0-9_+/-]{0,63}$'),
    locale         text        NOT NULL DEFAULT 'en'
                               CONSTRAINT customers_locale_format CHECK (locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$'),
    status         text        NOT NULL DEFAULT 'ACTIVE'
                               CONSTRAINT customers_status_check CHECK (status IN ('ACTIVE', 'DEACTIVATED')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        bigint      NOT NULL DEFAULT 0,
    CONSTRAINT customers_contact_required CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
ALTER SEQUENCE customer_member_number_seq OWNED BY customers.member_number;

CREATE INDEX customers_name_idx ON customers (lower(last_name), lower(first_name));

CREATE TABLE customer_notification_preferences (
    customer_id                  uuid        PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    email_opt_in                 boolean     NOT NULL DEFAULT true,
    sms_opt_in                   boolean     NOT NULL DEFAULT true,
    whatsapp_opt_in              boolean     NOT NULL DEFAULT false,
    marketing_consent            boolean     NOT NULL DEFAULT false,
    -- When consent was last given or withdrawn; null if never asked.
    marketing_consent_updated_at timestamptz,
    reminder_hours_before        integer     NOT NULL DEFAULT 24
                                 CONSTRAINT customer_notification_preferences_reminder_check
                                 CHECK (reminder_hours_before BETWEEN 0 AND 168),
    timezone                     text        NOT NULL DEFAULT 'Asia/Dubai'
                                 CHECK (timezone ~ '^[A-Za-z][A-Za-z0-9_+/-]{0,63}$'),
    locale                       text        NOT NULL DEFAULT 'en'
                                 CHECK (locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$'),
    created_at                   timestamptz NOT NULL DEFAULT now(),
    updated_at                   timestamptz NOT NULL DEFAULT now(),
    version                      bigint      NOT NULL DEFAULT 0
);

-- Magic-link tokens: only the SHA-256 of the token is stored; consumed once by setting used_at.
CREATE TABLE customer_portal_tokens (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_id   uuid        NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    token_hash    bytea       NOT NULL
                              CONSTRAINT customer_portal_tokens_token_hash_key UNIQUE
                              CONSTRAINT customer_portal_tokens_token_hash_length CHECK (octet_length(token_hash) = 32),
    channel       text        NOT NULL
                              CONSTRAINT customer_portal_tokens_channel_check CHECK (channel IN ('EMAIL', 'SMS', 'WHATSAPP')),
    expires_at    timestamptz NOT NULL,
    used_at       timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    requested_ip  inet,
    user_agent    text        CHECK (length(user_agent) <= 1000)
);
CREATE INDEX customer_portal_tokens_customer_idx ON customer_portal_tokens (customer_id, created_at DESC);
CREATE INDEX customer_portal_tokens_expires_idx ON customer_portal_tokens (expires_at);

-- ---------------------------------------------------------------------------------------------
-- Catalog: locations, staff, services, working hours
-- ---------------------------------------------------------------------------------------------

CREATE TABLE locations (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    address     text,
    timezone    text        NOT NULL CHECK (timezone ~ '^[A-Za-z][A-Za-z0-9_+/-]{0,63}$'),
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint      NOT NULL DEFAULT 0
);

CREATE TABLE staff (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    first_name    text        NOT NULL CHECK (length(btrim(first_name)) BETWEEN 1 AND 100),
    last_name     text        NOT NULL CHECK (length(last_name) <= 100),
    display_name  text        NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
    email         text        CONSTRAINT staff_email_lower CHECK (email = lower(email)),
    bio           text,
    photo_url     text        CHECK (photo_url ~ '^(https://|/)'),
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       bigint      NOT NULL DEFAULT 0
);

CREATE TABLE services (
    id                         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name                       text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    description                text,
    kind                       text        NOT NULL
                                           CONSTRAINT services_kind_check CHECK (kind IN ('CLASS', 'APPOINTMENT')),
    duration_minutes           integer     NOT NULL CHECK (duration_minutes > 0 AND duration_minutes <= 1440),
    capacity                   integer     NOT NULL DEFAULT 1 CHECK (capacity > 0),
    -- Null: not sold per visit (packages only).
    price_minor                bigint      CHECK (price_minor >= 0),
    currency                   char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    buffer_before_minutes      integer     NOT NULL DEFAULT 0 CHECK (buffer_before_minutes >= 0),
    buffer_after_minutes       integer     NOT NULL DEFAULT 0 CHECK (buffer_after_minutes >= 0),
    min_notice_minutes         integer     NOT NULL DEFAULT 0 CHECK (min_notice_minutes >= 0),
    max_advance_days           integer     NOT NULL DEFAULT 60 CHECK (max_advance_days > 0),
    -- Null: the studio's policy (tenant config) applies.
    cancel_window_minutes      integer     CHECK (cancel_window_minutes >= 0),
    reschedule_window_minutes  integer     CHECK (reschedule_window_minutes >= 0),
    online_bookable            boolean     NOT NULL DEFAULT true,
    pay_per_visit_allowed      boolean     NOT NULL DEFAULT false,
    active                     boolean     NOT NULL DEFAULT true,
    color                      text        CHECK (color ~ '^#[0-9A-Fa-f]{6}$'),
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    version                    bigint      NOT NULL DEFAULT 0,
    CONSTRAINT services_appointment_capacity CHECK (kind <> 'APPOINTMENT' OR capacity = 1),
    CONSTRAINT services_pay_per_visit_needs_price CHECK (NOT pay_per_visit_allowed OR price_minor IS NOT NULL)
);

-- Who may deliver a service (for APPOINTMENT kinds: whose working hours produce slots).
CREATE TABLE service_staff (
    service_id  uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    staff_id    uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    PRIMARY KEY (service_id, staff_id)
);
CREATE INDEX service_staff_staff_idx ON service_staff (staff_id);

-- Weekly hours in the location's local time.
CREATE TABLE staff_working_hours (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    staff_id     uuid        NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    location_id  uuid        NOT NULL REFERENCES locations (id),
    day_of_week  smallint    NOT NULL CHECK (day_of_week BETWEEN 1 AND 7), -- ISO: 1 = Monday
    start_time   time        NOT NULL,
    end_time     time        NOT NULL,
    valid_from   date        NOT NULL DEFAULT current_date,
    valid_until  date,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      bigint      NOT NULL DEFAULT 0,
    CONSTRAINT staff_working_hours_time_order CHECK (end_time > start_time),
    CONSTRAINT staff_working_hours_date_order CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX staff_working_hours_staff_idx ON staff_working_hours (staff_id, day_of_week);
CREATE INDEX staff_working_hours_location_idx ON staff_working_hours (location_id);

CREATE TABLE staff_time_off (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    staff_id    uuid        NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT staff_time_off_order CHECK (ends_at > starts_at)
);
CREATE INDEX staff_time_off_staff_idx ON staff_time_off (staff_id, starts_at);

-- ---------------------------------------------------------------------------------------------
-- Schedule
-- ---------------------------------------------------------------------------------------------

-- One scheduled class. Booking takes a seat atomically:
--   UPDATE class_sessions SET booked_count = booked_count + 1 WHERE id = ? AND status = 'SCHEDULED' AND booked_count < capacity
-- booked_count counts the seats taken: appointments in the session that are not cancelled
-- (BOOKED, and after the class COMPLETED or NO_SHOW).
CREATE TABLE class_sessions (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    service_id    uuid        NOT NULL REFERENCES services (id),
    staff_id      uuid        NOT NULL REFERENCES staff (id),
    location_id   uuid        NOT NULL REFERENCES locations (id),
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    capacity      integer     NOT NULL CHECK (capacity > 0),
    booked_count  integer     NOT NULL DEFAULT 0,
    status        text        NOT NULL DEFAULT 'SCHEDULED'
                              CONSTRAINT class_sessions_status_check CHECK (status IN ('SCHEDULED', 'CANCELLED')),
    cancelled_at  timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       bigint      NOT NULL DEFAULT 0,
    CONSTRAINT class_sessions_time_order CHECK (ends_at > starts_at),
    CONSTRAINT class_sessions_booked_count_check CHECK (booked_count >= 0 AND booked_count <= capacity),
    CONSTRAINT class_sessions_service_start_key UNIQUE (service_id, starts_at),
    CONSTRAINT class_sessions_id_service_key UNIQUE (id, service_id) -- target of appointments' composite FK
);
CREATE INDEX class_sessions_starts_idx ON class_sessions (starts_at);
CREATE INDEX class_sessions_staff_starts_idx ON class_sessions (staff_id, starts_at);
CREATE INDEX class_sessions_location_starts_idx ON class_sessions (location_id, starts_at);

-- ---------------------------------------------------------------------------------------------
-- Payments (before packages and appointments, which point at them)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE payments (
    id                    uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_id           uuid        NOT NULL REFERENCES customers (id),
    provider              text        NOT NULL CHECK (provider ~ '^[a-z][a-z0-9-]{1,63}$'), -- plugin id
    provider_payment_id   text,       -- null until the provider created it
    provider_customer_id  text,
    idempotency_key       text        NOT NULL CONSTRAINT payments_idempotency_key_key UNIQUE,
    purpose               text        NOT NULL
                                      CONSTRAINT payments_purpose_check
                                      CHECK (purpose IN ('PACKAGE_PURCHASE', 'PAY_PER_VISIT', 'LATE_CANCEL_FEE')),
    amount_minor          bigint      NOT NULL CHECK (amount_minor >= 0),
    currency              char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status                text        NOT NULL DEFAULT 'PENDING'
                                      CONSTRAINT payments_status_check
                                      CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED', 'PARTIALLY_REFUNDED', 'CANCELLED')),
    description           text        NOT NULL,
    receipt_url           text        CHECK (receipt_url ~ '^https://'),
    refunded_minor        bigint      NOT NULL DEFAULT 0,
    failure_reason        text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    version               bigint      NOT NULL DEFAULT 0,
    CONSTRAINT payments_provider_payment_key UNIQUE (provider, provider_payment_id),
    CONSTRAINT payments_refunded_range CHECK (refunded_minor >= 0 AND refunded_minor <= amount_minor)
);
CREATE INDEX payments_customer_idx ON payments (customer_id, created_at DESC);

-- Webhook events already seen, for de-duplication (insert ... on conflict do nothing).
CREATE TABLE payment_events (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider           text        NOT NULL,
    provider_event_id  text        NOT NULL,
    type               text        NOT NULL,
    payment_id         uuid        REFERENCES payments (id),
    received_at        timestamptz NOT NULL DEFAULT now(),
    processed_at       timestamptz,
    payload            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT payment_events_provider_event_key UNIQUE (provider, provider_event_id)
);
CREATE INDEX payment_events_payment_idx ON payment_events (payment_id) WHERE payment_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Packages and credits
-- ---------------------------------------------------------------------------------------------

CREATE TABLE package_products (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name           text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    description    text,
    credits        integer     NOT NULL CHECK (credits > 0),
    price_minor    bigint      NOT NULL CHECK (price_minor >= 0),
    currency       char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    validity_days  integer     NOT NULL CHECK (validity_days > 0),
    -- Services the credits can pay for; null or empty: every CLASS service.
    service_ids    uuid[],
    active         boolean     NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        bigint      NOT NULL DEFAULT 0
);

CREATE TABLE customer_packages (
    id                  uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_id         uuid        NOT NULL REFERENCES customers (id),
    package_product_id  uuid        REFERENCES package_products (id) ON DELETE SET NULL,
    name                text        NOT NULL,               -- copied from the product at purchase
    service_ids         uuid[],                             -- copied from the product; null or empty: every CLASS service
    credits_total       integer     NOT NULL CHECK (credits_total > 0),
    credits_remaining   integer     NOT NULL,
    purchased_at        timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz NOT NULL,
    status              text        NOT NULL DEFAULT 'ACTIVE'
                                    CONSTRAINT customer_packages_status_check
                                    CHECK (status IN ('ACTIVE', 'EXHAUSTED', 'EXPIRED', 'CANCELLED')),
    payment_id          uuid        REFERENCES payments (id),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             bigint      NOT NULL DEFAULT 0,
    CONSTRAINT customer_packages_credits_range CHECK (credits_remaining >= 0 AND credits_remaining <= credits_total),
    CONSTRAINT customer_packages_expiry_order CHECK (expires_at > purchased_at),
    CONSTRAINT customer_packages_id_customer_key UNIQUE (id, customer_id) -- target of composite FKs
);
CREATE INDEX customer_packages_customer_idx ON customer_packages (customer_id, status, expires_at);
CREATE INDEX customer_packages_expiry_idx ON customer_packages (expires_at) WHERE status = 'ACTIVE';
CREATE INDEX customer_packages_payment_idx ON customer_packages (payment_id) WHERE payment_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Appointments (a customer's place in a class session, or a 1:1 appointment)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE appointments (
    id                         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_id                uuid        NOT NULL REFERENCES customers (id),
    service_id                 uuid        NOT NULL REFERENCES services (id),
    staff_id                   uuid        NOT NULL REFERENCES staff (id),
    location_id                uuid        NOT NULL REFERENCES locations (id),
    class_session_id           uuid,       -- null for APPOINTMENT kinds
    starts_at                  timestamptz NOT NULL,
    ends_at                    timestamptz NOT NULL,
    status                     text        NOT NULL DEFAULT 'BOOKED'
                                           CONSTRAINT appointments_status_check
                                           CHECK (status IN ('BOOKED', 'CANCELLED', 'LATE_CANCELLED', 'COMPLETED', 'NO_SHOW')),
    payment_kind               text        NOT NULL
                                           CONSTRAINT appointments_payment_kind_check
                                           CHECK (payment_kind IN ('CREDIT', 'PAYMENT', 'FREE', 'UNPAID_AT_STUDIO')),
    customer_package_id        uuid,
    payment_id                 uuid        REFERENCES payments (id),
    -- The policy in force when the booking was made; later policy changes do not apply to it.
    cancel_window_minutes      integer     NOT NULL CHECK (cancel_window_minutes >= 0),
    reschedule_window_minutes  integer     NOT NULL CHECK (reschedule_window_minutes >= 0),
    late_cancel_policy         text        NOT NULL
                                           CONSTRAINT appointments_late_cancel_policy_check
                                           CHECK (late_cancel_policy IN ('DENY', 'FORFEIT')),
    max_reschedules            integer     NOT NULL CHECK (max_reschedules >= 0),
    policy_snapshot            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    reschedule_count           integer     NOT NULL DEFAULT 0 CHECK (reschedule_count >= 0),
    booked_at                  timestamptz NOT NULL DEFAULT now(),
    cancelled_at               timestamptz,
    cancel_reason              text        CHECK (length(cancel_reason) <= 1000),
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    version                    bigint      NOT NULL DEFAULT 0,
    CONSTRAINT appointments_time_order CHECK (ends_at > starts_at),
    CONSTRAINT appointments_credit_needs_package CHECK (payment_kind <> 'CREDIT' OR customer_package_id IS NOT NULL),
    CONSTRAINT appointments_cancelled_at_set
        CHECK ((status IN ('CANCELLED', 'LATE_CANCELLED')) = (cancelled_at IS NOT NULL)),
    -- A class booking is for the session's own service; a package pays only for its owner.
    CONSTRAINT appointments_session_service_fk
        FOREIGN KEY (class_session_id, service_id) REFERENCES class_sessions (id, service_id),
    CONSTRAINT appointments_package_owner_fk
        FOREIGN KEY (customer_package_id, customer_id) REFERENCES customer_packages (id, customer_id),
    CONSTRAINT appointments_id_customer_key UNIQUE (id, customer_id) -- target of credit_ledger's composite FK
);
-- A customer holds at most one live booking per class session.
CREATE UNIQUE INDEX appointments_one_per_session_uq
    ON appointments (class_session_id, customer_id)
    WHERE status = 'BOOKED' AND class_session_id IS NOT NULL;
-- A 1:1 slot cannot be double-booked.
CREATE UNIQUE INDEX appointments_staff_slot_uq
    ON appointments (staff_id, starts_at)
    WHERE status = 'BOOKED' AND class_session_id IS NULL;
CREATE INDEX appointments_customer_starts_idx ON appointments (customer_id, starts_at);
CREATE INDEX appointments_session_idx ON appointments (class_session_id) WHERE class_session_id IS NOT NULL;
CREATE INDEX appointments_staff_starts_idx ON appointments (staff_id, starts_at);
CREATE INDEX appointments_booked_starts_idx ON appointments (starts_at) WHERE status = 'BOOKED';
CREATE INDEX appointments_package_idx ON appointments (customer_package_id) WHERE customer_package_id IS NOT NULL;
CREATE INDEX appointments_payment_idx ON appointments (payment_id) WHERE payment_id IS NOT NULL;

-- Append-only history of every credit movement. A package's credits_remaining equals the sum of
-- its deltas: the PURCHASE (or GRANT) entry that opens it adds credits_total.
CREATE TABLE credit_ledger (
    id                   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_package_id  uuid        NOT NULL,
    customer_id          uuid        NOT NULL REFERENCES customers (id),
    at                   timestamptz NOT NULL DEFAULT now(),
    delta                integer     NOT NULL CONSTRAINT credit_ledger_delta_nonzero CHECK (delta <> 0),
    reason               text        NOT NULL
                                     CONSTRAINT credit_ledger_reason_check
                                     CHECK (reason IN ('PURCHASE', 'GRANT', 'BOOKING', 'CANCEL_REFUND',
                                                       'LATE_CANCEL_FORFEIT', 'ADJUSTMENT', 'EXPIRY')),
    appointment_id       uuid,
    note                 text,
    actor                text        NOT NULL, -- e.g. 'customer:<uuid>', 'admin:<id>', 'system'
    CONSTRAINT credit_ledger_delta_sign CHECK (
        CASE reason
            WHEN 'PURCHASE' THEN delta > 0
            WHEN 'GRANT' THEN delta > 0
            WHEN 'CANCEL_REFUND' THEN delta > 0
            WHEN 'BOOKING' THEN delta < 0
            WHEN 'EXPIRY' THEN delta < 0
            ELSE true
        END),
    CONSTRAINT credit_ledger_appointment_required
        CHECK (reason NOT IN ('BOOKING', 'CANCEL_REFUND', 'LATE_CANCEL_FORFEIT') OR appointment_id IS NOT NULL),
    -- Entries belong to the package's (and the appointment's) own customer.
    CONSTRAINT credit_ledger_package_owner_fk
        FOREIGN KEY (customer_package_id, customer_id) REFERENCES customer_packages (id, customer_id),
    CONSTRAINT credit_ledger_appointment_owner_fk
        FOREIGN KEY (appointment_id, customer_id) REFERENCES appointments (id, customer_id)
);
-- One appointment takes its credit once and gets it back at most once.
CREATE UNIQUE INDEX credit_ledger_once_per_appointment_uq
    ON credit_ledger (appointment_id, reason)
    WHERE reason IN ('BOOKING', 'CANCEL_REFUND');
CREATE INDEX credit_ledger_package_idx ON credit_ledger (customer_package_id, at);
CREATE INDEX credit_ledger_customer_idx ON credit_ledger (customer_id, at DESC);

CREATE FUNCTION credit_ledger_reject_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'credit_ledger is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'P0001', HINT = 'Insert a compensating ADJUSTMENT entry instead.';
END;
$$;

CREATE TRIGGER credit_ledger_append_only
    BEFORE UPDATE OR DELETE ON credit_ledger
    FOR EACH ROW EXECUTE FUNCTION credit_ledger_reject_change();

-- ---------------------------------------------------------------------------------------------
-- Audit
-- ---------------------------------------------------------------------------------------------

CREATE TABLE audit_logs (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    customer_id  uuid        REFERENCES customers (id) ON DELETE SET NULL,
    actor_type   text        NOT NULL
                             CONSTRAINT audit_logs_actor_type_check
                             CHECK (actor_type IN ('CUSTOMER', 'ADMIN', 'SYSTEM', 'PLATFORM')),
    actor_id     text,
    action       text        NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
    target_type  text,
    target_id    text,
    ip           inet,
    user_agent   text        CHECK (length(user_agent) <= 1000),
    details      jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_logs_customer_at_idx ON audit_logs (customer_id, at DESC);
CREATE INDEX audit_logs_action_at_idx ON audit_logs (action, at DESC);
CREATE INDEX audit_logs_at_idx ON audit_logs (at DESC);
CREATE INDEX audit_logs_target_idx ON audit_logs (target_type, target_id) WHERE target_id IS NOT NULL;
