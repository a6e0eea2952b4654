package dev.portico.bench;

import dev.portico.availability.AvailabilityEngine;
import dev.portico.availability.AvailabilityRequest;
import dev.portico.availability.Interval;
import dev.portico.availability.ServiceKind;
import dev.portico.availability.Slot;
import dev.portico.availability.StaffSchedule;
import dev.portico.availability.WorkingHours;
import dev.portico.catalog.ServiceDetails;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The baseline the portal's reads are compared with: Spring MVC and a {@link JdbcTemplate} on the same connection pool,
 * in the same process, running the same SQL statements as {@code GET /api/client-portal/appointments} and
 * {@code GET /api/client-portal/availability} for the same customer, and answering the same JSON shape. What it leaves
 * out is what the comparison is about: no tenant from the {@code Host} (the schema and customer are query parameters),
 * no Spring Security filter chain and no JWT (its path is ignored by security), no JPA (the customer row is read with
 * the columns Hibernate selects, outside a transaction), and no policy plugin calls (cancel and reschedule are decided
 * inline from the booking's frozen windows, as the standard policy decides them for these bookings).
 * Registered only in the harness's context.
 */
@RestController
@RequestMapping("/bench/bare")
class BareEndpoints {

    private static final Pattern SCHEMA = Pattern.compile("^tenant_[a-z0-9_]{1,40}$");
    private static final Duration STEP = Duration.ofMinutes(15);
    private static final String APPOINTMENT_COLUMNS = """
            id, customer_id, service_id, staff_id, location_id, class_session_id, starts_at, ends_at, status, payment_kind,
            customer_package_id, cancel_window_minutes, reschedule_window_minutes, late_cancel_policy, max_reschedules,
            reschedule_count, booked_at""";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AvailabilityEngine engine = new AvailabilityEngine();

    BareEndpoints(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Takes the bare endpoints out of Spring Security altogether: they are the no-security baseline. */
    @Bean
    static WebSecurityCustomizer bareEndpointsWithoutSecurity() {
        return web -> web.ignoring().requestMatchers("/bench/bare/**");
    }

    record Ref(UUID id, String name) {}

    record Payment(String kind, @Nullable UUID packageId, @Nullable String status) {}

    record CancelAction(boolean allowed, String message, String creditOutcome) {}

    record RescheduleAction(boolean allowed, String message) {}

    record Actions(CancelAction cancel, RescheduleAction reschedule) {}

    record AppointmentView(UUID id, Ref service, Ref staff, Ref location, OffsetDateTime startsAt, OffsetDateTime endsAt,
            String status, Payment payment, int rescheduleCount, Actions actions) {}

    record SlotView(OffsetDateTime startsAt, OffsetDateTime endsAt, Ref staff, int spotsLeft) {}

    record Items<T>(List<T> items, @Nullable String nextCursor) {}

    private record CustomerRow(UUID id, String timezone, String locale) {}

    private record AppointmentRow(UUID id, UUID serviceId, UUID staffId, UUID locationId, Instant startsAt, Instant endsAt,
            String status, String paymentKind, @Nullable UUID packageId, Duration cancelWindow, Duration rescheduleWindow,
            int maxReschedules, int rescheduleCount) {}

    /** No database and no work: what HTTP, Spring MVC and the load generator alone cost on this machine. */
    @GetMapping("/ping")
    Map<String, String> ping() {
        return Map.of("status", "ok");
    }

    /** The customer's upcoming appointments, soonest first, at most 50: the portal's default list. */
    @GetMapping("/appointments")
    Items<AppointmentView> appointments(@RequestParam String schema, @RequestParam UUID customerId) {
        String s = checked(schema);
        CustomerRow customer = customer(s, customerId);
        Instant now = clock.instant();
        List<AppointmentRow> page = jdbc.query("SELECT " + APPOINTMENT_COLUMNS + " FROM " + s
                + ".appointments WHERE customer_id = ? AND ends_at > ? ORDER BY starts_at, id LIMIT ?",
                BareEndpoints::appointment, customerId, Timestamp.from(now), 50);
        Set<UUID> services = new LinkedHashSet<>();
        Set<UUID> staff = new LinkedHashSet<>();
        Set<UUID> locations = new LinkedHashSet<>();
        page.forEach(a -> {
            services.add(a.serviceId());
            staff.add(a.staffId());
            locations.add(a.locationId());
        });
        Map<UUID, String> serviceNames = names(s, "services", "name", services);
        Map<UUID, String> staffNames = names(s, "staff", "display_name", staff);
        Map<UUID, String> locationNames = names(s, "locations", "name", locations);
        services.forEach(id -> service(s, id));
        if (page.stream().anyMatch(a -> a.status().equals("BOOKED") && a.startsAt().isAfter(now))) {
            jdbc.queryForObject("SELECT count(*) FROM " + s
                    + ".appointments WHERE customer_id = ? AND status = 'LATE_CANCELLED' AND cancelled_at > ?",
                    Integer.class, customerId, Timestamp.from(now.minus(Duration.ofDays(30))));
        }
        ZoneId zone = ZoneId.of(customer.timezone());
        return new Items<>(page.stream().map(a -> new AppointmentView(a.id(),
                new Ref(a.serviceId(), serviceNames.getOrDefault(a.serviceId(), "")),
                new Ref(a.staffId(), staffNames.getOrDefault(a.staffId(), "")),
                new Ref(a.locationId(), locationNames.getOrDefault(a.locationId(), "")),
                a.startsAt().atZone(zone).toOffsetDateTime(), a.endsAt().atZone(zone).toOffsetDateTime(), a.status(),
                new Payment(a.paymentKind(), a.packageId(), null), a.rescheduleCount(), actions(a, now))).toList(), null);
    }

    /** Bookable times of an appointment service over the next 7 days: the portal's default window. */
    @GetMapping("/availability")
    Items<SlotView> availability(@RequestParam String schema, @RequestParam UUID customerId, @RequestParam UUID serviceId) {
        String s = checked(schema);
        CustomerRow customer = customer(s, customerId);
        Instant now = clock.instant();
        Instant from = now;
        Instant to = from.plus(Duration.ofDays(7));
        ServiceDetails service = service(s, serviceId);
        if (service.kind() != ServiceKind.APPOINTMENT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the bare endpoint serves appointment services only");
        }
        Instant windowFrom = from.minus(Duration.ofDays(1));
        Instant windowTo = to.plus(Duration.ofDays(1));
        List<StaffSchedule> schedules = staffSchedules(s, serviceId, windowFrom, windowTo);
        AvailabilityRequest request = new AvailabilityRequest(ZoneId.of(BenchStudios.ZONE), now, from, to, service.spec(),
                schedules, List.of(), Set.of(), STEP);
        List<Slot> slots = engine.slots(request);
        ZoneId zone = ZoneId.of(customer.timezone());
        Map<UUID, String> names = names(s, "staff", "display_name", slots.stream().map(Slot::staffId).distinct().toList());
        return new Items<>(slots.stream().map(slot -> new SlotView(slot.startsAt().atZone(zone).toOffsetDateTime(),
                slot.endsAt().atZone(zone).toOffsetDateTime(), new Ref(slot.staffId(), names.getOrDefault(slot.staffId(), "")),
                slot.spotsLeft())).toList(), null);
    }

    private CustomerRow customer(String schema, UUID id) {
        // The columns Hibernate reads for the Customer entity.
        List<CustomerRow> rows = jdbc.query("SELECT id, email, first_name, last_name, locale, member_number, phone, status, timezone, version FROM "
                + schema + ".customers WHERE id = ?",
                (rs, n) -> new CustomerRow(rs.getObject("id", UUID.class), rs.getString("timezone"), rs.getString("locale")), id);
        if (rows.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return rows.getFirst();
    }

    private ServiceDetails service(String schema, UUID id) {
        List<ServiceDetails> rows = jdbc.query("""
                SELECT id, name, kind, duration_minutes, capacity, price_minor, currency, buffer_before_minutes,
                       buffer_after_minutes, min_notice_minutes, max_advance_days, cancel_window_minutes,
                       reschedule_window_minutes, online_bookable, pay_per_visit_allowed, active
                  FROM %s.services WHERE id = ?
                """.formatted(schema), (rs, n) -> new ServiceDetails(rs.getObject(1, UUID.class), rs.getString(2),
                ServiceKind.valueOf(rs.getString(3)), rs.getInt(4), rs.getInt(5), (Long) rs.getObject(6), rs.getString(7), rs.getInt(8),
                rs.getInt(9), rs.getInt(10), rs.getInt(11), (Integer) rs.getObject(12), (Integer) rs.getObject(13), rs.getBoolean(14),
                rs.getBoolean(15), rs.getBoolean(16)), id);
        if (rows.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return rows.getFirst();
    }

    /** The staff who give the service, with their working hours, time off and booked appointments in the window. */
    private List<StaffSchedule> staffSchedules(String schema, UUID serviceId, Instant from, Instant to) {
        List<UUID> staffIds = jdbc.queryForList("SELECT ss.staff_id FROM " + schema + ".service_staff ss JOIN " + schema
                + ".staff s ON s.id = ss.staff_id WHERE ss.service_id = ? AND s.active ORDER BY ss.staff_id", UUID.class, serviceId);
        if (staffIds.isEmpty()) {
            return List.of();
        }
        UUID[] ids = staffIds.toArray(UUID[]::new);
        Map<UUID, List<WorkingHours>> hours = new HashMap<>();
        jdbc.query("SELECT staff_id, day_of_week, start_time, end_time, valid_from, valid_until FROM " + schema
                + ".staff_working_hours WHERE staff_id = ANY(?)", (ResultSet rs) -> {
                    hours.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new WorkingHours(
                            DayOfWeek.of(rs.getInt(2)), rs.getTime(3).toLocalTime(), rs.getTime(4).toLocalTime(),
                            rs.getDate(5).toLocalDate(), rs.getDate(6) == null ? null : rs.getDate(6).toLocalDate()));
                }, (Object) ids);
        Map<UUID, List<Interval>> timeOff = intervals("SELECT staff_id, starts_at, ends_at FROM " + schema
                + ".staff_time_off WHERE staff_id = ANY(?) AND ends_at > ? AND starts_at < ?", ids, Timestamp.from(from), Timestamp.from(to));
        Map<UUID, List<Interval>> busy = intervals("SELECT staff_id, starts_at, ends_at FROM " + schema + """
                .appointments WHERE staff_id = ANY(?) AND status IN ('BOOKED', 'PENDING_PAYMENT') AND class_session_id IS NULL
                   AND ends_at > ? AND starts_at < ? AND id <> coalesce(cast(? AS uuid), '00000000-0000-0000-0000-000000000000')
                """, ids, Timestamp.from(from), Timestamp.from(to), null);
        return staffIds.stream().map(id -> new StaffSchedule(id, hours.getOrDefault(id, List.of()), timeOff.getOrDefault(id, List.of()),
                busy.getOrDefault(id, List.of()))).toList();
    }

    /** Intervals by staff member from a query whose columns are staff id, start and end. */
    private Map<UUID, List<Interval>> intervals(String sql, @Nullable Object... args) {
        Map<UUID, List<Interval>> byStaff = new HashMap<>();
        jdbc.query(sql, (ResultSet rs) -> {
            byStaff.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                    .add(new Interval(rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()));
        }, args);
        return byStaff;
    }

    private Map<UUID, String> names(String schema, String table, String column, Collection<UUID> ids) {
        Map<UUID, String> names = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        jdbc.query("SELECT id, " + column + " FROM " + schema + "." + table + " WHERE id = ANY(?)",
                (ResultSet rs) -> {
                    names.put(rs.getObject(1, UUID.class), rs.getString(2));
                }, (Object) ids.toArray(UUID[]::new));
        return names;
    }

    /** What the standard policy answers for a credit-paid booking with a deny-late-cancel window. */
    private static Actions actions(AppointmentRow a, Instant now) {
        if (!a.status().equals("BOOKED") || !a.startsAt().isAfter(now)) {
            String message = "This booking can no longer be changed.";
            return new Actions(new CancelAction(false, message, "NONE"), new RescheduleAction(false, message));
        }
        Duration left = Duration.between(now, a.startsAt());
        boolean cancel = left.compareTo(a.cancelWindow()) >= 0;
        boolean move = a.rescheduleCount() < a.maxReschedules() && left.compareTo(a.rescheduleWindow()) >= 0;
        long cancelHours = a.cancelWindow().toHours();
        long moveHours = a.rescheduleWindow().toHours();
        String cancelMessage = cancel ? "Free cancellation up to " + cancelHours + " hours before the start; your credit comes back."
                : "Contact the studio to cancel within " + cancelHours + " hours of the start.";
        return new Actions(
                new CancelAction(cancel, cancelMessage, cancel && a.paymentKind().equals("CREDIT") ? "REFUNDED" : "NONE"),
                new RescheduleAction(move, move ? "You can move this booking up to " + moveHours + " hours before the start."
                        : "This booking can no longer be moved online."));
    }

    private static AppointmentRow appointment(ResultSet rs, int row) throws SQLException {
        return new AppointmentRow(rs.getObject(1, UUID.class), rs.getObject(3, UUID.class), rs.getObject(4, UUID.class),
                rs.getObject(5, UUID.class), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(), rs.getString(9),
                rs.getString(10), rs.getObject(11, UUID.class), Duration.ofMinutes(rs.getInt(12)), Duration.ofMinutes(rs.getInt(13)),
                rs.getInt(15), rs.getInt(16));
    }

    private static String checked(String schema) {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a studio schema");
        }
        return schema;
    }
}
