package dev.portico.availability;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Short ways to write the engine's inputs in tests. */
final class AvailabilityFixtures {

    static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final UUID BEN = UUID.fromString("00000000-0000-0000-0000-000000000002");
    static final UUID CARA = UUID.fromString("00000000-0000-0000-0000-000000000003");
    static final LocalDate EVER = LocalDate.of(2020, 1, 1);

    private AvailabilityFixtures() {}

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    static ServiceSpec appointment(Duration duration, Duration bufferBefore, Duration bufferAfter, Duration minNotice,
            Duration maxAdvance) {
        return new ServiceSpec(SERVICE, ServiceKind.APPOINTMENT, duration, bufferBefore, bufferAfter, minNotice, maxAdvance);
    }

    static ServiceSpec appointment(Duration duration) {
        return appointment(duration, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofDays(365));
    }

    static ServiceSpec yogaClass(Duration minNotice, Duration maxAdvance) {
        return new ServiceSpec(SERVICE, ServiceKind.CLASS, minutes(60), Duration.ZERO, Duration.ZERO, minNotice, maxAdvance);
    }

    static WorkingHours hours(DayOfWeek day, String start, String end) {
        return new WorkingHours(day, LocalTime.parse(start), LocalTime.parse(end), EVER, null);
    }

    static WorkingHours hours(DayOfWeek day, String start, String end, LocalDate validFrom, @Nullable LocalDate validUntil) {
        return new WorkingHours(day, LocalTime.parse(start), LocalTime.parse(end), validFrom, validUntil);
    }

    /** The same block on every day of the week. */
    static List<WorkingHours> daily(String start, String end) {
        List<WorkingHours> blocks = new ArrayList<>();
        for (DayOfWeek day : EnumSet.allOf(DayOfWeek.class)) {
            blocks.add(hours(day, start, end));
        }
        return blocks;
    }

    static Interval interval(String start, String end) {
        return new Interval(at(start), at(end));
    }

    static StaffSchedule staff(UUID id, List<WorkingHours> hours) {
        return new StaffSchedule(id, hours, List.of(), List.of());
    }

    static StaffSchedule staff(UUID id, List<WorkingHours> hours, List<Interval> timeOff, List<Interval> busy) {
        return new StaffSchedule(id, hours, timeOff, busy);
    }

    static AvailabilityRequest appointments(ZoneId zone, Instant now, Instant from, Instant to, ServiceSpec service,
            Duration step, Set<UUID> onlyStaff, StaffSchedule... staff) {
        return new AvailabilityRequest(zone, now, from, to, service, List.of(staff), List.of(), onlyStaff, step);
    }

    static AvailabilityRequest classes(Instant now, Instant from, Instant to, ServiceSpec service, Set<UUID> onlyStaff,
            ClassSession... sessions) {
        return new AvailabilityRequest(ZoneId.of("UTC"), now, from, to, service, List.of(), List.of(sessions), onlyStaff,
                minutes(15));
    }

    static ClassSession session(UUID staffId, String startsAt, int capacity, int booked, boolean cancelled) {
        Instant start = at(startsAt);
        return new ClassSession(UUID.nameUUIDFromBytes(startsAt.getBytes()), staffId, start, start.plus(minutes(60)),
                capacity, booked, cancelled);
    }

    static List<Instant> starts(List<Slot> slots) {
        return slots.stream().map(Slot::startsAt).toList();
    }

    static List<Instant> instants(String... instants) {
        return java.util.Arrays.stream(instants).map(Instant::parse).toList();
    }
}
