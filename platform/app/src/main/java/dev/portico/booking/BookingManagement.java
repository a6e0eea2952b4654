package dev.portico.booking;

import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.availability.ServiceKind;
import dev.portico.availability.Slot;
import dev.portico.catalog.Catalog;
import dev.portico.catalog.ClassSessionCancelled;
import dev.portico.catalog.ClassSessionChanged;
import dev.portico.catalog.ServiceDetails;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.portico.credits.CreditLedger;
import dev.portico.jobs.Jobs;
import dev.portico.payments.PaymentFailed;
import dev.portico.payments.PaymentSucceeded;
import dev.portico.payments.Payments;
import dev.portico.plugin.api.CreditOutcome;
import dev.portico.plugin.api.Money;
import dev.portico.plugin.api.PolicyAction;
import dev.portico.plugin.api.PolicyContext;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Books, cancels and reschedules for a customer, each in one transaction: the appointment row is locked while it
 * changes, class places are taken and given back atomically, credits move only through the ledger, and the terms
 * frozen on the booking decide what is allowed.
 */
@Service
public class BookingManagement {

    /** How a customer pays for a new booking. */
    public enum PayWith { CREDITS, PAY_PER_VISIT }

    /** How long a place is held for a customer who is paying online. */
    static final Duration PAYMENT_HOLD = Duration.ofMinutes(15);
    static final String RELEASE_HOLD_TASK = "release-unpaid-hold";

    /** A new booking, and the payment to complete when it is paid online. */
    public record Booked(UUID appointmentId, @Nullable UUID paymentId) {}

    /** A booking request. */
    public record BookingRequest(UUID serviceId, Instant startsAt, @Nullable UUID staffId, PayWith payWith, @Nullable UUID packageId) {}

    /**
     * What a cancellation did.
     *
     * @param feePaymentId the payment opened for a late-cancel fee, for the customer to complete
     */
    public record Cancellation(UUID appointmentId, CreditOutcome creditOutcome, String message, @Nullable Money fee,
            @Nullable UUID feePaymentId) {}

    private final Catalog catalog;
    private final Availability availability;
    private final BookingPolicy policy;
    private final CreditLedger credits;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Payments payments;
    private final Jobs jobs;

    BookingManagement(Catalog catalog, Availability availability, BookingPolicy policy, CreditLedger credits, AuditLog audit,
            ApplicationEventPublisher events, JdbcClient jdbc, JsonMapper json, Clock clock, Payments payments, Jobs jobs) {
        this.payments = payments;
        this.jobs = jobs;
        this.catalog = catalog;
        this.availability = availability;
        this.policy = policy;
        this.credits = credits;
        this.audit = audit;
        this.events = events;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Booked book(UUID customerId, BookingRequest request, Locale locale) {
        Tenant tenant = TenantContext.require();
        Instant now = clock.instant();
        ServiceDetails service = bookableService(request.serviceId());
        Slot slot = slot(service, request.startsAt(), request.staffId(), null, now);
        BookingTerms terms = BookingTerms.current(service, tenant.config().policies());
        PolicyVerdict verdict = policy.decide(context(PolicyAction.BOOK, now, slot.startsAt(), null, terms, service,
                request.payWith() == PayWith.CREDITS, null, 0, lateCancels(customerId, now)), locale);
        if (!verdict.allowed()) {
            throw BookingFailures.refused("BOOKING_NOT_ALLOWED", verdict.message());
        }
        String paymentKind;
        UUID packageId = null;
        boolean payOnline = false;
        if (request.payWith() == PayWith.CREDITS) {
            packageId = credits.lockUsablePackage(customerId, service.id(), request.packageId());
            paymentKind = "CREDIT";
        } else if (!service.payPerVisitAllowed()) {
            throw BookingFailures.field("payWith", "this service cannot be paid per visit; use credits");
        } else if (payments.available()) {
            paymentKind = "PAYMENT";
            payOnline = true;
        } else if (tenant.config().policies().payAtStudio()) {
            paymentKind = "UNPAID_AT_STUDIO";
        } else {
            throw new ApiException(HttpStatus.CONFLICT, "PLUGIN_UNAVAILABLE", "Payment unavailable",
                    "Paying online is not available at this studio yet. Please use credits or contact the studio.");
        }
        UUID id = UUID.randomUUID();
        UUID locationId = locationFor(slot);
        try {
            jdbc.sql("INSERT INTO " + tenant.schemaName() + """
                    .appointments (id, customer_id, service_id, staff_id, location_id, class_session_id, starts_at, ends_at,
                                   status, payment_kind, customer_package_id, cancel_window_minutes, reschedule_window_minutes,
                                   late_cancel_policy, max_reschedules, policy_snapshot, booked_at, hold_expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? AS jsonb), ?, ?)
                    """)
                    .params(id, customerId, service.id(), slot.staffId(), locationId, slot.classSessionId(),
                            Timestamp.from(slot.startsAt()), Timestamp.from(slot.endsAt()), payOnline ? "PENDING_PAYMENT" : "BOOKED",
                            paymentKind, packageId,
                            terms.cancelWindow().toMinutes(), terms.rescheduleWindow().toMinutes(),
                            terms.lateCancelAllowed() ? "FORFEIT" : "DENY", terms.maxReschedules(), snapshot(terms, tenant),
                            Timestamp.from(now), payOnline ? Timestamp.from(now.plus(PAYMENT_HOLD)) : null)
                    .update();
        } catch (DuplicateKeyException e) {
            throw service.kind() == ServiceKind.CLASS ? BookingFailures.alreadyBooked() : BookingFailures.slotUnavailable();
        }
        if (slot.classSessionId() != null && !catalog.takePlace(slot.classSessionId())) {
            throw BookingFailures.slotUnavailable();
        }
        if (packageId != null) {
            credits.debit(packageId, customerId, id, "customer:" + customerId);
        }
        UUID paymentId = null;
        if (payOnline) {
            paymentId = payments.open(customerId, "PAY_PER_VISIT", service.priceMinor(), service.currency(), service.name(), id, null);
            jdbc.sql("UPDATE " + tenant.schemaName() + ".appointments SET payment_id = ? WHERE id = ?").params(paymentId, id).update();
            jobs.schedule(new TaskInstance<>(RELEASE_HOLD_TASK, tenant.slug() + ":" + id), now.plus(PAYMENT_HOLD));
        }
        audit.record(Actor.customer(customerId.toString()), payOnline ? "appointment.held" : "appointment.booked", customerId,
                "appointment", id.toString(),
                Map.of("serviceId", service.id().toString(), "startsAt", slot.startsAt().toString(), "payment", paymentKind));
        if (!payOnline) {
            events.publishEvent(new AppointmentBooked(tenant.slug(), id, customerId, service.id(), slot.startsAt()));
        }
        return new Booked(id, paymentId);
    }

    /** The provider confirmed payment of a held place: the booking stands. Money for a place already released is refunded. */
    @EventListener
    void on(PaymentSucceeded payment) {
        if (payment.appointmentId() == null) {
            return;
        }
        Tenant tenant = TenantContext.require();
        int confirmed = jdbc.sql("UPDATE " + tenant.schemaName() + """
                .appointments SET status = 'BOOKED', hold_expires_at = NULL, updated_at = now(), version = version + 1
                 WHERE id = ? AND status = 'PENDING_PAYMENT'
                """).param(payment.appointmentId()).update();
        if (confirmed == 1) {
            AppointmentRecord appointment = find(payment.customerId(), payment.appointmentId());
            audit.record(Actor.system("payments"), "appointment.booked", payment.customerId(), "appointment",
                    payment.appointmentId().toString(), Map.of("payment", "PAYMENT", "paymentId", payment.paymentId().toString()));
            events.publishEvent(new AppointmentBooked(tenant.slug(), appointment.id(), appointment.customerId(), appointment.serviceId(),
                    appointment.startsAt()));
        } else {
            payments.refund(payment.paymentId(), true);
        }
    }

    /** Payment failed or was never completed: the held place is released. */
    @EventListener
    void on(PaymentFailed payment) {
        if (payment.appointmentId() == null) {
            return;
        }
        Tenant tenant = TenantContext.require();
        Optional<UUID> session = jdbc.sql("UPDATE " + tenant.schemaName() + """
                .appointments SET status = 'CANCELLED', cancelled_at = ?, cancel_reason = ?, hold_expires_at = NULL,
                                  updated_at = now(), version = version + 1
                 WHERE id = ? AND status = 'PENDING_PAYMENT'
                RETURNING coalesce(class_session_id, '00000000-0000-0000-0000-000000000000')
                """).params(Timestamp.from(clock.instant()), "payment: " + payment.reason(), payment.appointmentId())
                .query(UUID.class).optional();
        session.filter(id -> id.getMostSignificantBits() != 0 || id.getLeastSignificantBits() != 0).ifPresent(catalog::releasePlace);
        session.ifPresent(released -> audit.record(Actor.system("payments"), "appointment.hold_released", payment.customerId(),
                "appointment", payment.appointmentId().toString(), Map.of("reason", payment.reason())));
    }

    /** A hold nobody paid for in time: the payment is abandoned, which releases the place. */
    @Transactional
    public void releaseIfUnpaid(UUID appointmentId) {
        String schema = TenantContext.require().schemaName();
        Optional<UUID> held = jdbc.sql("SELECT payment_id FROM " + schema + ".appointments WHERE id = ? AND status = 'PENDING_PAYMENT' FOR UPDATE")
                .param(appointmentId).query(UUID.class).optional();
        held.ifPresent(payments::abandon);
    }

    @Transactional
    public Cancellation cancel(UUID customerId, UUID appointmentId, @Nullable String reason, Locale locale) {
        Tenant tenant = TenantContext.require();
        AppointmentRecord appointment = lock(customerId, appointmentId);
        if (!appointment.booked()) {
            throw BookingFailures.notActive(appointment.status());
        }
        Instant now = clock.instant();
        ServiceDetails service = catalog.service(appointment.serviceId()).orElseThrow();
        PolicyVerdict verdict = policy.decide(context(PolicyAction.CANCEL, now, appointment, service, lateCancels(customerId, now)), locale);
        if (!verdict.allowed()) {
            throw BookingFailures.refused("CANCEL_WINDOW_PASSED", verdict.message());
        }
        boolean late = verdict.creditOutcome() == CreditOutcome.FORFEITED || "policy.cancel.late".equals(verdict.reasonKey());
        settleCancellation(appointment, late ? "LATE_CANCELLED" : "CANCELLED", now, reason, verdict.creditOutcome(),
                "customer:" + customerId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("late", late);
        details.put("creditOutcome", verdict.creditOutcome().name());
        if (reason != null) {
            details.put("reason", reason);
        }
        audit.record(Actor.customer(customerId.toString()), late ? "appointment.late_cancelled" : "appointment.cancelled",
                customerId, "appointment", appointmentId.toString(), details);
        events.publishEvent(new AppointmentCancelled(tenant.slug(), appointmentId, customerId, appointment.startsAt(), late,
                verdict.creditOutcome().name()));
        UUID feePayment = null;
        if (verdict.fee() != null && verdict.fee().amount() > 0 && payments.available()) {
            feePayment = payments.open(customerId, "LATE_CANCEL_FEE", verdict.fee().amount(), verdict.fee().currency(),
                    "Late cancellation fee: " + service.name(), appointmentId, null);
        }
        return new Cancellation(appointmentId, verdict.creditOutcome(), verdict.message(), verdict.fee(), feePayment);
    }

    /**
     * The studio cancelled a class session: every booking in it is cancelled whatever the window, the credit goes
     * back to its package, a payment is refunded in full, and each customer is told, in the cancelling transaction.
     * A place still being paid for is released and its payment abandoned.
     */
    @EventListener
    void on(ClassSessionCancelled event) {
        Tenant tenant = TenantContext.require();
        Instant now = clock.instant();
        List<AppointmentRecord> live = jdbc.sql("SELECT " + AppointmentRecord.COLUMNS + " FROM " + tenant.schemaName()
                        + ".appointments WHERE class_session_id = ? AND status IN ('BOOKED', 'PENDING_PAYMENT') ORDER BY id FOR UPDATE")
                .param(event.sessionId()).query(AppointmentRecord::map).list();
        String reason = event.reason() != null ? event.reason() : "The studio cancelled this class.";
        for (AppointmentRecord appointment : live) {
            CreditOutcome outcome = appointment.booked() ? CreditOutcome.REFUNDED : CreditOutcome.NONE;
            settleCancellation(appointment, "CANCELLED", now, reason, outcome, "admin:" + event.adminId());
            if (!appointment.booked()) {
                payments.forAppointment(appointment.id()).ifPresent(payments::abandon);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sessionId", event.sessionId().toString());
            details.put("creditOutcome", outcome.name());
            details.put("reason", reason);
            audit.record(Actor.admin(event.adminId()), "appointment.cancelled_by_studio", appointment.customerId(), "appointment",
                    appointment.id().toString(), details);
            events.publishEvent(new AppointmentCancelled(tenant.slug(), appointment.id(), appointment.customerId(), appointment.startsAt(),
                    false, outcome.name(), true, event.reason()));
        }
    }

    /** A class session got another instructor or time: the bookings in it follow. */
    @EventListener
    void on(ClassSessionChanged event) {
        jdbc.sql("UPDATE " + TenantContext.require().schemaName() + """
                .appointments SET staff_id = ?, location_id = ?, starts_at = ?, ends_at = ?, updated_at = now(), version = version + 1
                 WHERE class_session_id = ? AND status IN ('BOOKED', 'PENDING_PAYMENT')
                """).params(event.staffId(), event.locationId(), Timestamp.from(event.startsAt()), Timestamp.from(event.endsAt()),
                event.sessionId()).update();
    }

    /**
     * Ends a booking: its status, its class place given back, its credit returned when the outcome is REFUNDED, and
     * its payment refunded (now when REFUNDED, after the studio's approval when MANUAL_REVIEW).
     */
    private void settleCancellation(AppointmentRecord appointment, String status, Instant now, @Nullable String reason,
            CreditOutcome outcome, String actor) {
        jdbc.sql("UPDATE " + TenantContext.require().schemaName() + """
                .appointments SET status = ?, cancelled_at = ?, cancel_reason = ?, hold_expires_at = NULL, updated_at = now(),
                                  version = version + 1
                 WHERE id = ?
                """).params(status, Timestamp.from(now), reason, appointment.id()).update();
        if (appointment.classSessionId() != null) {
            catalog.releasePlace(appointment.classSessionId());
        }
        if (outcome == CreditOutcome.REFUNDED && appointment.packageId() != null) {
            credits.refund(appointment.packageId(), appointment.customerId(), appointment.id(), actor);
        }
        if ("PAYMENT".equals(appointment.paymentKind()) && appointment.booked()
                && (outcome == CreditOutcome.REFUNDED || outcome == CreditOutcome.MANUAL_REVIEW)) {
            payments.forAppointment(appointment.id()).ifPresent(payment -> payments.refund(payment, outcome == CreditOutcome.REFUNDED));
        }
    }

    @Transactional
    public void reschedule(UUID customerId, UUID appointmentId, Instant startsAt, @Nullable UUID staffId, Locale locale) {
        Tenant tenant = TenantContext.require();
        AppointmentRecord appointment = lock(customerId, appointmentId);
        if (!appointment.booked()) {
            throw BookingFailures.notActive(appointment.status());
        }
        if (startsAt.equals(appointment.startsAt()) && (staffId == null || staffId.equals(appointment.staffId()))) {
            throw BookingFailures.field("startsAt", "is when this booking already is");
        }
        Instant now = clock.instant();
        ServiceDetails service = catalog.service(appointment.serviceId()).orElseThrow();
        PolicyVerdict verdict = policy.decide(context(PolicyAction.RESCHEDULE, now, appointment, service, lateCancels(customerId, now)), locale);
        if (!verdict.allowed()) {
            throw BookingFailures.refused(verdict.reasonKey().endsWith("limit-reached") ? "RESCHEDULE_LIMIT_REACHED"
                    : "RESCHEDULE_WINDOW_PASSED", verdict.message());
        }
        UUID staff = staffId != null ? staffId : appointment.staffId();
        Slot slot = slot(service, startsAt, staff, appointmentId, now);
        if (slot.classSessionId() != null && !catalog.takePlace(slot.classSessionId())) {
            throw BookingFailures.slotUnavailable();
        }
        if (appointment.classSessionId() != null) {
            catalog.releasePlace(appointment.classSessionId());
        }
        try {
            jdbc.sql("UPDATE " + tenant.schemaName() + """
                    .appointments SET starts_at = ?, ends_at = ?, staff_id = ?, location_id = ?, class_session_id = ?,
                                      reschedule_count = reschedule_count + 1, updated_at = now(), version = version + 1
                     WHERE id = ?
                    """).params(Timestamp.from(slot.startsAt()), Timestamp.from(slot.endsAt()), slot.staffId(), locationFor(slot),
                    slot.classSessionId(), appointmentId).update();
        } catch (DuplicateKeyException e) {
            throw service.kind() == ServiceKind.CLASS ? BookingFailures.alreadyBooked() : BookingFailures.slotUnavailable();
        }
        audit.record(Actor.customer(customerId.toString()), "appointment.rescheduled", customerId, "appointment",
                appointmentId.toString(), Map.of("from", appointment.startsAt().toString(), "to", slot.startsAt().toString()));
        events.publishEvent(new AppointmentRescheduled(tenant.slug(), appointmentId, customerId, appointment.startsAt(), slot.startsAt()));
    }

    /** The customer's appointment, or 404 (also for another customer's). */
    @Transactional(readOnly = true)
    public AppointmentRecord find(UUID customerId, UUID appointmentId) {
        return jdbc.sql("SELECT " + AppointmentRecord.COLUMNS + " FROM " + TenantContext.require().schemaName()
                        + ".appointments WHERE id = ? AND customer_id = ?")
                .params(appointmentId, customerId).query(AppointmentRecord::map).optional()
                .orElseThrow(() -> ApiException.notFound("Appointment"));
    }

    /** A booking with the names it is described by, for messages; empty when it does not exist. */
    @Transactional(readOnly = true)
    public Optional<AppointmentSummary> summary(UUID appointmentId) {
        return jdbc.sql("SELECT " + AppointmentRecord.COLUMNS + " FROM " + TenantContext.require().schemaName()
                        + ".appointments WHERE id = ?").param(appointmentId).query(AppointmentRecord::map).optional()
                .map(a -> {
                    Catalog.Names names = catalog.names(List.of(a.serviceId()), List.of(a.staffId()), List.of(a.locationId()));
                    return new AppointmentSummary(a.id(), a.customerId(), names.services().getOrDefault(a.serviceId(), ""),
                            names.staff().getOrDefault(a.staffId(), ""), names.locations().getOrDefault(a.locationId(), ""),
                            a.startsAt(), a.endsAt(), a.status());
                });
    }

    /** What cancelling and rescheduling would do right now, for showing before the customer confirms. */
    PolicyVerdict preview(PolicyAction action, AppointmentRecord appointment, ServiceDetails service, Locale locale, int lateCancels) {
        return policy.decide(context(action, clock.instant(), appointment, service, lateCancels), locale);
    }

    /** The customer's late cancellations in the last 30 days, as policy rules weigh them. */
    int lateCancels(UUID customerId) {
        return lateCancels(customerId, clock.instant());
    }

    private AppointmentRecord lock(UUID customerId, UUID appointmentId) {
        return jdbc.sql("SELECT " + AppointmentRecord.COLUMNS + " FROM " + TenantContext.require().schemaName()
                        + ".appointments WHERE id = ? AND customer_id = ? FOR UPDATE")
                .params(appointmentId, customerId).query(AppointmentRecord::map).optional()
                .orElseThrow(() -> ApiException.notFound("Appointment"));
    }

    private ServiceDetails bookableService(UUID serviceId) {
        ServiceDetails service = catalog.service(serviceId).orElseThrow(() -> ApiException.notFound("Service"));
        if (!service.active() || !service.onlineBookable()) {
            throw BookingFailures.field("serviceId", "cannot be booked online; please contact the studio");
        }
        return service;
    }

    /**
     * The slot a customer picked, checked by the availability engine: 400 naming {@code startsAt} for a time the
     * service never offers, 409 {@code SLOT_UNAVAILABLE} for one that is taken, full or no longer bookable.
     */
    private Slot slot(ServiceDetails service, Instant startsAt, @Nullable UUID staffId, @Nullable UUID moving, Instant now) {
        if (!startsAt.isAfter(now)) {
            throw BookingFailures.field("startsAt", "is in the past");
        }
        if (service.kind() == ServiceKind.APPOINTMENT && staffId != null) {
            catalog.lockStaff(staffId);
        }
        Optional<Slot> slot = availability.slotAt(service, startsAt, staffId, moving);
        if (slot.isPresent()) {
            if (service.kind() == ServiceKind.APPOINTMENT && staffId == null) {
                catalog.lockStaff(slot.get().staffId());
                return availability.slotAt(service, startsAt, slot.get().staffId(), moving).orElseThrow(BookingFailures::slotUnavailable);
            }
            return slot.get();
        }
        if (!availability.onTheGrid(service, startsAt, staffId)) {
            throw BookingFailures.field("startsAt", "is not a start time this service offers" + (staffId == null ? "" : " with this instructor"));
        }
        throw BookingFailures.slotUnavailable();
    }

    private UUID locationFor(Slot slot) {
        if (slot.classSessionId() != null) {
            return catalog.session(slot.classSessionId()).orElseThrow().locationId();
        }
        return catalog.locationOf(slot.staffId()).orElseGet(() -> catalog.activeLocations().getFirst().getId());
    }

    private PolicyContext context(PolicyAction action, Instant now, AppointmentRecord appointment, ServiceDetails service,
            int lateCancels) {
        Money paid = "PAYMENT".equals(appointment.paymentKind()) && service.priceMinor() != null
                ? new Money(service.priceMinor(), service.currency()) : null;
        return context(action, now, appointment.startsAt(), appointment.bookedAt(), appointment.terms(), service,
                "CREDIT".equals(appointment.paymentKind()), paid, appointment.rescheduleCount(), lateCancels);
    }

    private PolicyContext context(PolicyAction action, Instant now, Instant startsAt, @Nullable Instant bookedAt, BookingTerms terms,
            ServiceDetails service, boolean paidWithCredit, @Nullable Money paid, int reschedules, int lateCancels) {
        return new PolicyContext(action, now, startsAt, bookedAt, terms.cancelWindow(), terms.rescheduleWindow(),
                terms.lateCancelAllowed(), terms.maxReschedules(), service.id().toString(), service.kind().name(), paidWithCredit,
                paid, reschedules, lateCancels);
    }

    private int lateCancels(UUID customerId, Instant now) {
        return jdbc.sql("SELECT count(*) FROM " + TenantContext.require().schemaName()
                        + ".appointments WHERE customer_id = ? AND status = 'LATE_CANCELLED' AND cancelled_at > ?")
                .params(customerId, Timestamp.from(now.minus(Duration.ofDays(30)))).query(Integer.class).single();
    }

    private String snapshot(BookingTerms terms, Tenant tenant) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("cancelWindowMinutes", terms.cancelWindow().toMinutes());
        snapshot.put("rescheduleWindowMinutes", terms.rescheduleWindow().toMinutes());
        snapshot.put("lateCancel", terms.lateCancelAllowed() ? "forfeit" : "deny");
        snapshot.put("maxReschedules", terms.maxReschedules());
        snapshot.put("refundApproval", tenant.config().policies().refundApproval());
        return json.writeValueAsString(snapshot);
    }

    /** Upcoming (not yet ended) soonest first, or past newest first after the {@code after} key (start, id). */
    List<AppointmentRecord> list(UUID customerId, boolean upcoming, int limit, @Nullable PastCursor after) {
        Instant now = clock.instant();
        String schema = TenantContext.require().schemaName();
        if (upcoming) {
            return jdbc.sql("SELECT " + AppointmentRecord.COLUMNS + " FROM " + schema
                            + ".appointments WHERE customer_id = ? AND ends_at > ? ORDER BY starts_at, id LIMIT ?")
                    .params(customerId, Timestamp.from(now), limit).query(AppointmentRecord::map).list();
        }
        Timestamp startsBefore = after == null ? Timestamp.from(Instant.parse("9999-12-31T00:00:00Z")) : Timestamp.from(after.startsAt());
        UUID idBefore = after == null ? new UUID(-1L, -1L) : after.id();
        return jdbc.sql("SELECT " + AppointmentRecord.COLUMNS + " FROM " + schema
                        + ".appointments WHERE customer_id = ? AND ends_at <= ? AND (starts_at, id) < (?, ?)"
                        + " ORDER BY starts_at DESC, id DESC LIMIT ?")
                .params(customerId, Timestamp.from(now), startsBefore, idBefore, limit)
                .query(AppointmentRecord::map).list();
    }

    /** Where a page of past appointments ended. */
    record PastCursor(Instant startsAt, UUID id) {}
}
