package dev.portico.booking;

import dev.portico.availability.Slot;
import dev.portico.catalog.Catalog;
import dev.portico.catalog.ServiceDetails;
import dev.portico.customers.Customer;
import dev.portico.customers.CustomerDirectory;
import dev.portico.payments.Checkout;
import dev.portico.payments.Payments;
import dev.portico.plugin.api.CreditOutcome;
import dev.portico.plugin.api.Money;
import dev.portico.plugin.api.PolicyAction;
import dev.portico.web.ApiException;
import dev.portico.web.PageCursor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The customer's bookings and the times they can book, in the customer's time zone and language. */
@RestController
class AppointmentsController {

    static final int MAX_RANGE_DAYS = 31;

    private final BookingManagement bookings;
    private final Availability availability;
    private final Catalog catalog;
    private final CustomerDirectory customers;
    private final Clock clock;
    private final Payments payments;

    AppointmentsController(BookingManagement bookings, Availability availability, Catalog catalog, CustomerDirectory customers,
            Clock clock, Payments payments) {
        this.payments = payments;
        this.bookings = bookings;
        this.availability = availability;
        this.catalog = catalog;
        this.customers = customers;
        this.clock = clock;
    }

    record Ref(UUID id, String name) {}

    record Payment(String kind, @Nullable UUID packageId, @Nullable String status) {}

    record CancelAction(boolean allowed, String message, CreditOutcome creditOutcome, @Nullable Money fee) {}

    record RescheduleAction(boolean allowed, String message) {}

    record Actions(CancelAction cancel, RescheduleAction reschedule) {}

    record AppointmentView(UUID id, Ref service, Ref staff, Ref location, OffsetDateTime startsAt, OffsetDateTime endsAt,
            String status, Payment payment, int rescheduleCount, Actions actions, @Nullable Checkout checkout) {}

    record Items<T>(List<T> items, @Nullable String nextCursor) {}

    record SlotView(OffsetDateTime startsAt, OffsetDateTime endsAt, Ref staff, int spotsLeft) {}

    record BookRequest(@NotNull UUID serviceId, @NotBlank String startsAt, @Nullable UUID staffId,
            @NotBlank @Pattern(regexp = "^(credits|pay_per_visit)$", message = "must be credits or pay_per_visit") String payWith,
            @Nullable UUID packageId) {}

    record CancelRequest(@Nullable @Size(max = 500) String reason) {}

    record CancelResult(AppointmentView appointment, CreditOutcome creditOutcome, String message, @Nullable Money fee,
            @Nullable Checkout feeCheckout) {}

    record RescheduleRequest(@NotBlank String startsAt, @Nullable UUID staffId) {}

    @GetMapping("/api/client-portal/appointments")
    Items<AppointmentView> list(@AuthenticationPrincipal Jwt token, @RequestParam(defaultValue = "upcoming") String status,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) @Nullable String cursor) {
        if (!status.equals("upcoming") && !status.equals("past")) {
            throw BookingFailures.field("status", "must be upcoming or past");
        }
        if (limit < 1 || limit > 100) {
            throw BookingFailures.field("limit", "must be between 1 and 100");
        }
        Customer customer = customer(token);
        List<AppointmentRecord> page = bookings.list(customer.getId(), status.equals("upcoming"), limit, status.equals("past") ? cursor(cursor) : null);
        String next = status.equals("past") && page.size() == limit ? cursorOf(page.getLast()) : null;
        return new Items<>(views(customer, page), next);
    }

    @GetMapping("/api/client-portal/appointments/{id}")
    AppointmentView get(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        Customer customer = customer(token);
        return views(customer, List.of(bookings.find(customer.getId(), id))).getFirst();
    }

    @PostMapping("/api/client-portal/appointments")
    ResponseEntity<AppointmentView> book(@AuthenticationPrincipal Jwt token, @Valid @RequestBody BookRequest request) {
        Customer customer = customer(token);
        BookingManagement.PayWith payWith = request.payWith().equals("credits")
                ? BookingManagement.PayWith.CREDITS : BookingManagement.PayWith.PAY_PER_VISIT;
        BookingManagement.Booked booked = bookings.book(customer.getId(), new BookingManagement.BookingRequest(request.serviceId(),
                instant("startsAt", request.startsAt()), request.staffId(), payWith, request.packageId()), locale(customer));
        if (booked.paymentId() == null) {
            return ResponseEntity.status(HttpStatus.CREATED).body(get(token, booked.appointmentId()));
        }
        // The place is held; the customer completes the payment with the provider.
        Checkout checkout = payments.start(booked.paymentId(), customer.getEmail() == null ? "" : customer.getEmail());
        if ("FAILED".equals(checkout.status())) {
            throw new ApiException(HttpStatus.PAYMENT_REQUIRED, "PAYMENT_DECLINED", "Payment declined",
                    checkout.failureReason() == null ? "The payment was declined." : checkout.failureReason());
        }
        AppointmentView view = get(token, booked.appointmentId());
        return ResponseEntity.status(HttpStatus.CREATED).body(new AppointmentView(view.id(), view.service(), view.staff(), view.location(),
                view.startsAt(), view.endsAt(), view.status(), view.payment(), view.rescheduleCount(), view.actions(), checkout));
    }

    @PostMapping("/api/client-portal/appointments/{id}/cancel")
    CancelResult cancel(@AuthenticationPrincipal Jwt token, @PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable CancelRequest request) {
        Customer customer = customer(token);
        BookingManagement.Cancellation result = bookings.cancel(customer.getId(), id, request == null ? null : request.reason(), locale(customer));
        // The fee is charged through the studio's provider once the cancellation has committed.
        Checkout fee = result.feePaymentId() == null ? null
                : payments.start(result.feePaymentId(), customer.getEmail() == null ? "" : customer.getEmail());
        return new CancelResult(get(token, id), result.creditOutcome(), result.message(), result.fee(), fee);
    }

    @PostMapping("/api/client-portal/appointments/{id}/reschedule")
    AppointmentView reschedule(@AuthenticationPrincipal Jwt token, @PathVariable UUID id, @Valid @RequestBody RescheduleRequest request) {
        Customer customer = customer(token);
        bookings.reschedule(customer.getId(), id, instant("startsAt", request.startsAt()), request.staffId(), locale(customer));
        return get(token, id);
    }

    /**
     * Bookable times of a service. With {@code appointmentId}, the times that booking can move to: same service, same
     * instructor unless another is asked for.
     */
    @GetMapping("/api/client-portal/availability")
    Items<SlotView> availability(@AuthenticationPrincipal Jwt token, @RequestParam(required = false) @Nullable UUID serviceId,
            @RequestParam(required = false) @Nullable UUID staffId, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable UUID appointmentId) {
        Customer customer = customer(token);
        UUID service = serviceId;
        UUID staff = staffId;
        if (appointmentId != null) {
            AppointmentRecord appointment = bookings.find(customer.getId(), appointmentId);
            if (service != null && !service.equals(appointment.serviceId())) {
                throw BookingFailures.field("serviceId", "a booking can only move to another time of the same service");
            }
            service = appointment.serviceId();
            staff = staff == null ? appointment.staffId() : staff;
        }
        if (service == null) {
            throw BookingFailures.field("serviceId", "is required");
        }
        Instant start = from == null ? clock.instant() : instant("from", from);
        Instant end = to == null ? start.plus(Duration.ofDays(7)) : instant("to", to);
        if (!end.isAfter(start)) {
            throw BookingFailures.field("to", "must be after from");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_RANGE_DAYS)) > 0) {
            throw BookingFailures.field("to", "must be within " + MAX_RANGE_DAYS + " days of from");
        }
        UUID serviceToFind = service;
        ServiceDetails details = catalog.service(serviceToFind).orElseThrow(() -> ApiException.notFound("Service"));
        if (!details.active() || !details.onlineBookable()) {
            throw BookingFailures.field("serviceId", "cannot be booked online; please contact the studio");
        }
        List<Slot> slots = availability.slots(details, start, end, staff == null ? Set.of() : Set.of(staff));
        ZoneId zone = ZoneId.of(customer.getTimezone());
        Map<UUID, String> names = catalog.names(List.of(), slots.stream().map(Slot::staffId).distinct().toList(), List.of()).staff();
        return new Items<>(slots.stream().map(slot -> new SlotView(slot.startsAt().atZone(zone).toOffsetDateTime(),
                slot.endsAt().atZone(zone).toOffsetDateTime(), new Ref(slot.staffId(), names.getOrDefault(slot.staffId(), "")),
                slot.spotsLeft())).toList(), null);
    }

    private List<AppointmentView> views(Customer customer, List<AppointmentRecord> appointments) {
        Set<UUID> services = new HashSet<>();
        Set<UUID> staff = new HashSet<>();
        Set<UUID> locations = new HashSet<>();
        appointments.forEach(a -> {
            services.add(a.serviceId());
            staff.add(a.staffId());
            locations.add(a.locationId());
        });
        Catalog.Names names = catalog.names(services, staff, locations);
        Map<UUID, ServiceDetails> details = new java.util.HashMap<>();
        services.forEach(id -> catalog.service(id).ifPresent(s -> details.put(id, s)));
        ZoneId zone = ZoneId.of(customer.getTimezone());
        Locale locale = locale(customer);
        Instant now = clock.instant();
        // Counted once for the whole list, not once per booking and action.
        int lateCancels = appointments.stream().anyMatch(a -> a.booked() && a.startsAt().isAfter(now)) ? bookings.lateCancels(customer.getId()) : 0;
        return appointments.stream().map(a -> new AppointmentView(a.id(),
                new Ref(a.serviceId(), names.services().getOrDefault(a.serviceId(), "")),
                new Ref(a.staffId(), names.staff().getOrDefault(a.staffId(), "")),
                new Ref(a.locationId(), names.locations().getOrDefault(a.locationId(), "")),
                a.startsAt().atZone(zone).toOffsetDateTime(), a.endsAt().atZone(zone).toOffsetDateTime(), a.status(),
                payment(a), a.rescheduleCount(), actions(a, details.get(a.serviceId()), locale, now, lateCancels), null)).toList();
    }

    private Actions actions(AppointmentRecord appointment, @Nullable ServiceDetails service, Locale locale, Instant now, int lateCancels) {
        if (!appointment.booked() || service == null || !appointment.startsAt().isAfter(now)) {
            String message = appointment.booked() ? "This booking can no longer be changed." : "This booking is " + appointment.status().toLowerCase().replace('_', ' ') + ".";
            return new Actions(new CancelAction(false, message, CreditOutcome.NONE, null), new RescheduleAction(false, message));
        }
        PolicyVerdict cancel = bookings.preview(PolicyAction.CANCEL, appointment, service, locale, lateCancels);
        PolicyVerdict reschedule = bookings.preview(PolicyAction.RESCHEDULE, appointment, service, locale, lateCancels);
        return new Actions(new CancelAction(cancel.allowed(), cancel.message(), cancel.creditOutcome(), cancel.fee()),
                new RescheduleAction(reschedule.allowed(), reschedule.message()));
    }

    private static Payment payment(AppointmentRecord appointment) {
        return switch (appointment.paymentKind()) {
            case "CREDIT" -> new Payment("CREDIT", appointment.packageId(), null);
            case "UNPAID_AT_STUDIO" -> new Payment("PAYMENT", null, "DUE_AT_STUDIO");
            case "PAYMENT" -> new Payment("PAYMENT", null, appointment.status().equals("PENDING_PAYMENT") ? "AWAITING_PAYMENT" : "PAID");
            default -> new Payment("FREE", null, null);
        };
    }

    private Customer customer(Jwt token) {
        return customers.findActive(UUID.fromString(token.getSubject())).orElseThrow(() -> new ApiException(
                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Session ended", "Your session has ended. Please log in again."));
    }

    private static Locale locale(Customer customer) {
        return Locale.forLanguageTag(customer.getLocale());
    }

    private static Instant instant(String field, String value) {
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw BookingFailures.field(field, "must be a date-time with offset, e.g. 2026-12-01T18:00:00+04:00");
        }
        // java.time reads years up to +999999999, past what date arithmetic and the database can hold.
        if (parsed.getYear() < 1 || parsed.getYear() > 9999) {
            throw BookingFailures.field(field, "must be between the years 1 and 9999");
        }
        return parsed.toInstant();
    }

    private static BookingManagement.@Nullable PastCursor cursor(@Nullable String cursor) {
        try {
            return PageCursor.decode(cursor).map(c -> new BookingManagement.PastCursor(c.at(), UUID.fromString(c.key()))).orElse(null);
        } catch (IllegalArgumentException e) {
            throw BookingFailures.field("cursor", PageCursor.NOT_OURS);
        }
    }

    private static String cursorOf(AppointmentRecord last) {
        return new PageCursor(last.startsAt(), last.id().toString()).encode();
    }
}
