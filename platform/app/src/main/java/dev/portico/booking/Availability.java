package dev.portico.booking;

import dev.portico.availability.AvailabilityEngine;
import dev.portico.availability.AvailabilityRequest;
import dev.portico.availability.ClassSession;
import dev.portico.availability.Interval;
import dev.portico.availability.ServiceKind;
import dev.portico.availability.Slot;
import dev.portico.availability.StaffSchedule;
import dev.portico.catalog.Catalog;
import dev.portico.catalog.ServiceDetails;
import dev.portico.catalog.SessionDetails;
import dev.portico.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Feeds the availability engine: the catalog's sessions and staff schedules plus the appointments already booked,
 * so the booking page, the portal and every booking check ask one engine the same question.
 */
@Component
class Availability {

    /** Appointment starts are offered every 15 minutes from the start of a working block. */
    static final Duration STEP = Duration.ofMinutes(15);

    private final AvailabilityEngine engine = new AvailabilityEngine();
    private final Catalog catalog;
    private final JdbcClient jdbc;
    private final Clock clock;

    Availability(Catalog catalog, JdbcClient jdbc, Clock clock) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<Slot> slots(ServiceDetails service, Instant from, Instant to, Set<UUID> onlyStaff) {
        return engine.slots(request(service, from, to, onlyStaff, null, false));
    }

    /**
     * The slot at exactly {@code startsAt}, if a customer may book it now; {@code ignoring} is an appointment being
     * moved, whose own time does not count as taken.
     */
    Optional<Slot> slotAt(ServiceDetails service, Instant startsAt, @Nullable UUID staffId, @Nullable UUID ignoring) {
        Instant end = startsAt.plusSeconds(1);
        return engine.slotAt(request(service, startsAt, end, staffId == null ? Set.of() : Set.of(staffId), ignoring, false),
                startsAt, staffId);
    }

    /** Whether {@code startsAt} is a start the service offers at all, ignoring who has booked what. */
    boolean onTheGrid(ServiceDetails service, Instant startsAt, @Nullable UUID staffId) {
        Instant end = startsAt.plusSeconds(1);
        return engine.slotAt(request(service, startsAt, end, staffId == null ? Set.of() : Set.of(staffId), null, true),
                startsAt, staffId).isPresent();
    }

    private AvailabilityRequest request(ServiceDetails service, Instant from, Instant to, Set<UUID> onlyStaff,
            @Nullable UUID ignoring, boolean empty) {
        ZoneId zone = ZoneId.of(TenantContext.require().config().timezone());
        Instant now = empty ? from.minus(service.spec().minNotice()).minusSeconds(1) : clock.instant();
        if (service.kind() == ServiceKind.CLASS) {
            List<ClassSession> sessions = catalog.sessions(service.id(), from, to).stream()
                    .map(SessionDetails::toEngine)
                    .map(s -> empty ? new ClassSession(s.id(), s.staffId(), s.startsAt(), s.endsAt(), s.capacity(), 0, false) : s)
                    .toList();
            return new AvailabilityRequest(zone, now, from, to, service.spec(), List.of(), sessions, onlyStaff, STEP);
        }
        Duration margin = Duration.ofDays(1);
        List<StaffSchedule> schedules = catalog.staffSchedules(service.id(), onlyStaff, from.minus(margin), to.plus(margin));
        Map<UUID, List<Interval>> busy = empty ? Map.of() : busy(schedules, from.minus(margin), to.plus(margin), ignoring);
        List<StaffSchedule> withBusy = new ArrayList<>();
        for (StaffSchedule schedule : schedules) {
            withBusy.add(new StaffSchedule(schedule.staffId(), schedule.hours(), empty ? List.of() : schedule.timeOff(),
                    busy.getOrDefault(schedule.staffId(), List.of())));
        }
        return new AvailabilityRequest(zone, now, from, to, service.spec(), withBusy, List.of(), onlyStaff, STEP);
    }

    /** Booked appointments (not class places) of these staff members in the window. */
    private Map<UUID, List<Interval>> busy(List<StaffSchedule> schedules, Instant from, Instant to, @Nullable UUID ignoring) {
        Map<UUID, List<Interval>> busy = new HashMap<>();
        if (schedules.isEmpty()) {
            return busy;
        }
        UUID[] staff = schedules.stream().map(StaffSchedule::staffId).toArray(UUID[]::new);
        jdbc.sql("SELECT staff_id, starts_at, ends_at FROM " + TenantContext.require().schemaName() + """
                .appointments WHERE staff_id = ANY(?) AND status IN ('BOOKED', 'PENDING_PAYMENT') AND class_session_id IS NULL
                   AND ends_at > ? AND starts_at < ? AND id <> coalesce(cast(? AS uuid), '00000000-0000-0000-0000-000000000000')
                """)
                .params(staff, Timestamp.from(from), Timestamp.from(to), ignoring)
                .query((rs, n) -> busy.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(new Interval(rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant())))
                .list();
        return busy;
    }
}
