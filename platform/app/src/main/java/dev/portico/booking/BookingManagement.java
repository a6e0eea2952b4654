package dev.portico.booking;

import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.availability.ServiceKind;
import dev.portico.availability.Slot;
import dev.portico.catalog.Catalog;
import dev.portico.catalog.ServiceDetails;
import dev.portico.credits.CreditLedger;
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

    /** A booking request. */
    public record BookingRequest(UUID serviceId, Instant startsAt, @Nullable UUID staffId, PayWith payWith, @Nullable UUID packageId) {}

    /** What a cancellation did. */
    public record Cancellation(UUID appointmentId, CreditOutcome creditOutcome, String message, @Nullable Money fee) {}

    private final Catalog catalog;
    private final Availability availability;
    private final BookingPolicy policy;
    private final CreditLedger credits;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    BookingManagement(Catalog catalog, Availability availability, BookingPolicy policy, CreditLedger credits, AuditLog audit,
            ApplicationEventPublisher events, JdbcClient jdbc, JsonMapper json, Clock clock) {
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
    public UUID book(UUID customerId, BookingRequest request, Locale locale) {
        Tenant tenant = TenantContext.require();
        Instant now = clock.instant();
        ServiceDetails service = bookableService(request.serviceId());
        Slot slot = slot(service, request.startsAt(), request.staffId(), null, now);
        BookingTerms terms = BookingTerms.current(service, tenant.config().policies());
        PolicyVerdict verdict = policy.decide(context(PolicyAction.BOOK, now, slot.startsAt(), null, terms, service,
                request.payWith() == PayWith.CREDITS, 0, customerId), locale);
        if (!verdict.allowed()) {
            throw BookingFailures.refused("BOOKING_NOT_ALLOWED", verdict.message());
        }
        String paymentKind;
        UUID packageId = null;
        if (request.payWith() == PayWith.CREDITS) {
            packageId = credits.lockUsablePackage(customerId, service.id(), request.packageId());
            paymentKind = "CREDIT";
        } else if (!service.payPerVisitAllowed()) {
            throw BookingFailures.field("payWith", "this service cannot be paid per visit; use credits");
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
                                   late_cancel_policy, max_reschedules, policy_snapshot, booked_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'BOOKED', ?, ?, ?, ?, ?, ?, cast(? AS jsonb), ?)
                    """)
                    .params(id, customerId, service.id(), slot.staffId(), locationId, slot.classSessionId(),
                            Timestamp.from(slot.startsAt()), Timestamp.from(slot.endsAt()), paymentKind, packageId,
                            terms.cancelWindow().toMinutes(), terms.rescheduleWindow().toMinutes(),
                            terms.lateCancelAllowed() ? "FORFEIT" : "DENY", terms.maxReschedules(), snapshot(terms, tenant),
                            Timestamp.from(now))
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
        audit.record(Actor.customer(customerId.toString()), "appointment.booked", customerId, "appointment", id.toString(),
                Map.of("serviceId", service.id().toString(), "startsAt", slot.startsAt().toString(), "payment", paymentKind));
        events.publishEvent(new AppointmentBooked(tenant.slug(), id, customerId, service.id(), slot.startsAt()));
        return id;
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
        PolicyVerdict verdict = policy.decide(context(PolicyAction.CANCEL, now, appointment, service), locale);
        if (!verdict.allowed()) {
            throw BookingFailures.refused("CANCEL_WINDOW_PASSED", verdict.message());
        }
        boolean late = verdict.creditOutcome() == CreditOutcome.FORFEITED || "policy.cancel.late".equals(verdict.reasonKey());
        jdbc.sql("UPDATE " + tenant.schemaName() + """
                .appointments SET status = ?, cancelled_at = ?, cancel_reason = ?, updated_at = now(), version = version + 1
                 WHERE id = ?
                """).params(late ? "LATE_CANCELLED" : "CANCELLED", Timestamp.from(now), reason, appointmentId).update();
        if (appointment.classSessionId() != null) {
            catalog.releasePlace(appointment.classSessionId());
        }
        if (verdict.creditOutcome() == CreditOutcome.REFUNDED && appointment.packageId() != null) {
            credits.refund(appointment.packageId(), customerId, appointmentId, "customer:" + customerId);
        }
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
        return new Cancellation(appointmentId, verdict.creditOutcome(), verdict.message(), verdict.fee());
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
        PolicyVerdict verdict = policy.decide(context(PolicyAction.RESCHEDULE, now, appointment, service), locale);
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

    /** What cancelling and rescheduling would do right now, for showing before the customer confirms. */
    PolicyVerdict preview(PolicyAction action, AppointmentRecord appointment, ServiceDetails service, Locale locale) {
        return policy.decide(context(action, clock.instant(), appointment, service), locale);
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

    private PolicyContext context(PolicyAction action, Instant now, AppointmentRecord appointment, ServiceDetails service) {
        return context(action, now, appointment.startsAt(), appointment.bookedAt(), appointment.terms(), service,
                "CREDIT".equals(appointment.paymentKind()), appointment.rescheduleCount(), appointment.customerId());
    }

    private PolicyContext context(PolicyAction action, Instant now, Instant startsAt, @Nullable Instant bookedAt, BookingTerms terms,
            ServiceDetails service, boolean paidWithCredit, int reschedules, UUID customerId) {
        return new PolicyContext(action, now, startsAt, bookedAt, terms.cancelWindow(), terms.rescheduleWindow(),
                terms.lateCancelAllowed(), terms.maxReschedules(), service.id().toString(), service.kind().name(), paidWithCredit,
                null, reschedules, lateCancels(customerId, now));
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
