package dev.portico.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Random schedules (fixed seed) checked against the rules directly: every slot obeys them, a brute-force reading of
 * the rules finds exactly the same slots, and {@code slotAt} agrees with {@code slots} on and off the grid.
 */
class AvailabilityEnginePropertyUnitTests {

    static final long SEED = 20260329L;
    static final int CASES = 400;

    // Zones with a one-hour change at night (London, New York), at midnight (Santiago), of half an hour
    // (Lord Howe), a half-hour offset (Kolkata) and none (Dubai, UTC).
    static final List<ZoneId> ZONES = List.of("Europe/London", "America/New_York", "America/Santiago",
            "Australia/Lord_Howe", "Asia/Kolkata", "Asia/Dubai", "UTC").stream().map(ZoneId::of).toList();

    // Days around which windows are drawn: most are transitions in one of the zones above.
    static final List<LocalDate> ANCHORS = List.of(LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 29),
            LocalDate.of(2026, 4, 5), LocalDate.of(2026, 9, 6), LocalDate.of(2026, 10, 4), LocalDate.of(2026, 10, 25),
            LocalDate.of(2026, 11, 1), LocalDate.of(2026, 6, 15));

    static final List<Integer> STEPS = List.of(5, 10, 15, 20, 30, 45, 60, 90);

    static final Comparator<Slot> ORDER = Comparator.comparing(Slot::startsAt).thenComparing(Slot::staffId)
            .thenComparing(Slot::classSessionId, Comparator.nullsFirst(Comparator.naturalOrder()));

    final AvailabilityEngine engine = new AvailabilityEngine();

    @Test
    void appointmentSlotsFollowTheRulesExactly() {
        Random random = new Random(SEED);
        int nonEmpty = 0;
        for (int i = 0; i < CASES; i++) {
            AvailabilityRequest request = randomAppointmentRequest(random);
            String described = "case " + i + ": " + request;

            List<Slot> slots = engine.slots(request);

            assertSortedAndUnique(slots, described);
            for (Slot slot : slots) {
                assertInWindow(request, slot.startsAt(), described);
                StaffSchedule staff = scheduleOf(request, slot.staffId());
                assertThat(onGridInsideWorkingHours(request, staff, slot.startsAt())).as(described + " " + slot).isTrue();
                assertThat(free(request.service(), staff, slot.startsAt())).as(described + " " + slot).isTrue();
                assertThat(slot.endsAt()).isEqualTo(slot.startsAt().plus(request.service().duration()));
            }
            assertThat(slots).as(described).containsExactlyElementsOf(bruteForce(request));
            assertSlotAtAgrees(request, slots, random, described);
            nonEmpty += slots.isEmpty() ? 0 : 1;
        }
        // The generator must produce real work, or the checks above prove nothing.
        assertThat(nonEmpty).isGreaterThan(CASES / 2);
    }

    @Test
    void classSlotsFollowTheRulesExactly() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < CASES; i++) {
            AvailabilityRequest request = randomClassRequest(random);
            String described = "case " + i + ": " + request;

            List<Slot> slots = engine.slots(request);

            assertSortedAndUnique(slots, described);
            List<Slot> expected = new ArrayList<>();
            for (ClassSession session : request.sessions()) {
                if (!session.cancelled() && session.booked() < session.capacity() && inWindow(request, session.startsAt())
                        && (request.onlyStaff().isEmpty() || request.onlyStaff().contains(session.staffId()))) {
                    expected.add(new Slot(session.startsAt(), session.endsAt(), session.staffId(),
                            session.capacity() - session.booked(), session.id()));
                }
            }
            assertThat(slots).as(described).containsExactlyElementsOf(expected.stream().sorted(ORDER).distinct().toList());
            assertSlotAtAgrees(request, slots, random, described);
        }
    }

    private void assertSlotAtAgrees(AvailabilityRequest request, List<Slot> slots, Random random, String described) {
        for (Slot slot : slots) {
            if (slot.classSessionId() == null) {
                assertThat(engine.slotAt(request, slot.startsAt(), slot.staffId())).as(described).contains(slot);
            }
            assertThat(engine.slotAt(request, slot.startsAt(), null)).as(described).contains(firstAt(slots, slot.startsAt(), null).orElseThrow());
        }
        List<Instant> probes = new ArrayList<>();
        for (Slot slot : slots) {
            if (random.nextInt(4) == 0) {
                probes.add(slot.startsAt().plus(Duration.ofMinutes(1 + random.nextInt(14))));
                probes.add(slot.startsAt().minusNanos(1));
            }
        }
        long span = Math.max(1, Duration.between(request.from(), request.to()).toMinutes());
        for (int p = 0; p < 20; p++) {
            probes.add(request.from().minus(Duration.ofHours(2)).plus(Duration.ofMinutes(random.nextLong(span + 240))));
        }
        List<UUID> staffIds = new ArrayList<>();
        request.staff().forEach(staff -> staffIds.add(staff.staffId()));
        request.sessions().forEach(session -> staffIds.add(session.staffId()));
        for (Instant probe : probes) {
            @Nullable UUID staffId = staffIds.isEmpty() || random.nextBoolean() ? null : staffIds.get(random.nextInt(staffIds.size()));
            assertThat(engine.slotAt(request, probe, staffId)).as(described + " probe " + probe + " " + staffId)
                    .isEqualTo(firstAt(slots, probe, staffId));
        }
    }

    // ---- the rules, read as literally as possible ----

    private static List<Slot> bruteForce(AvailabilityRequest request) {
        if (!request.from().isBefore(request.to())) {
            return List.of();
        }
        ServiceSpec service = request.service();
        List<Slot> found = new ArrayList<>();
        LocalDate first = LocalDate.ofInstant(request.from(), request.zone()).minusDays(2);
        LocalDate last = LocalDate.ofInstant(request.to(), request.zone()).plusDays(1);
        for (UUID staffId : request.staff().stream().map(StaffSchedule::staffId).distinct().toList()) {
            if (!request.onlyStaff().isEmpty() && !request.onlyStaff().contains(staffId)) {
                continue;
            }
            StaffSchedule staff = scheduleOf(request, staffId);
            for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
                for (WorkingHours block : staff.hours()) {
                    if (!appliesOn(block, date)) {
                        continue;
                    }
                    Instant blockEnd = ZonedDateTime.of(date, block.end(), request.zone()).toInstant();
                    for (Instant start = ZonedDateTime.of(date, block.start(), request.zone()).toInstant();
                            !start.plus(service.duration()).isAfter(blockEnd); start = start.plus(request.step())) {
                        if (inWindow(request, start) && free(service, staff, start)) {
                            found.add(new Slot(start, start.plus(service.duration()), staff.staffId(), 1, null));
                        }
                    }
                }
            }
        }
        return found.stream().sorted(ORDER).distinct().toList();
    }

    private static boolean inWindow(AvailabilityRequest request, Instant start) {
        ServiceSpec service = request.service();
        return !start.isBefore(request.from()) && !start.isBefore(request.now().plus(service.minNotice()))
                && start.isBefore(request.to()) && !start.isAfter(request.now().plus(service.maxAdvance()));
    }

    private static boolean free(ServiceSpec service, StaffSchedule staff, Instant start) {
        Interval footprint = new Interval(start.minus(service.bufferBefore()),
                start.plus(service.duration()).plus(service.bufferAfter()));
        return staff.timeOff().stream().noneMatch(footprint::overlaps)
                && staff.busy().stream().map(busy -> new Interval(busy.start().minus(service.bufferBefore()),
                        busy.end().plus(service.bufferAfter()))).noneMatch(footprint::overlaps);
    }

    private static boolean onGridInsideWorkingHours(AvailabilityRequest request, StaffSchedule staff, Instant start) {
        LocalDate date = LocalDate.ofInstant(start, request.zone());
        for (LocalDate day = date.minusDays(1); !day.isAfter(date); day = day.plusDays(1)) {
            for (WorkingHours block : staff.hours()) {
                if (!appliesOn(block, day)) {
                    continue;
                }
                Instant blockStart = ZonedDateTime.of(day, block.start(), request.zone()).toInstant();
                Instant blockEnd = ZonedDateTime.of(day, block.end(), request.zone()).toInstant();
                Duration offset = Duration.between(blockStart, start);
                if (!offset.isNegative() && !start.plus(request.service().duration()).isAfter(blockEnd)
                        && offset.toNanos() % request.step().toNanos() == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean appliesOn(WorkingHours block, LocalDate date) {
        return block.day() == date.getDayOfWeek() && !block.validFrom().isAfter(date)
                && (block.validUntil() == null || !block.validUntil().isBefore(date));
    }

    private static Optional<Slot> firstAt(List<Slot> slots, Instant start, @Nullable UUID staffId) {
        return slots.stream().filter(slot -> slot.startsAt().equals(start))
                .filter(slot -> staffId == null || slot.staffId().equals(staffId)).findFirst();
    }

    /** The rules' reading of a staff member listed twice: one person, with everything either entry says. */
    private static StaffSchedule scheduleOf(AvailabilityRequest request, UUID staffId) {
        List<WorkingHours> hours = new ArrayList<>();
        List<Interval> timeOff = new ArrayList<>();
        List<Interval> busy = new ArrayList<>();
        for (StaffSchedule staff : request.staff()) {
            if (staff.staffId().equals(staffId)) {
                hours.addAll(staff.hours());
                timeOff.addAll(staff.timeOff());
                busy.addAll(staff.busy());
            }
        }
        return new StaffSchedule(staffId, hours, timeOff, busy);
    }

    private static void assertInWindow(AvailabilityRequest request, Instant start, String described) {
        assertThat(inWindow(request, start)).as(described + " start " + start).isTrue();
    }

    private static void assertSortedAndUnique(List<Slot> slots, String described) {
        for (int i = 1; i < slots.size(); i++) {
            assertThat(ORDER.compare(slots.get(i - 1), slots.get(i))).as(described + " at " + i).isNegative();
        }
    }

    // ---- generators ----

    private static AvailabilityRequest randomAppointmentRequest(Random random) {
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        LocalDate anchor = ANCHORS.get(random.nextInt(ANCHORS.size()));
        Instant now = anchor.atStartOfDay(zone).toInstant().minus(Duration.ofMinutes(random.nextInt(5 * 24 * 60)))
                .plusSeconds(random.nextInt(4) == 0 ? random.nextInt(60) : 0);
        Instant from = now.plus(Duration.ofMinutes(random.nextInt(3 * 24 * 60) - 24 * 60));
        Instant to = from.plus(Duration.ofMinutes(random.nextInt(10 * 24 * 60) - 60));
        Duration step = Duration.ofMinutes(STEPS.get(random.nextInt(STEPS.size())));
        ServiceSpec service = new ServiceSpec(AvailabilityFixtures.SERVICE, ServiceKind.APPOINTMENT,
                Duration.ofMinutes(5 * (1 + random.nextInt(36))), randomBuffer(random), randomBuffer(random),
                Duration.ofMinutes(random.nextInt(3) == 0 ? 0 : random.nextInt(48 * 60)),
                Duration.ofMinutes(60 + random.nextInt(14 * 24 * 60)));

        List<StaffSchedule> staff = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int s = 0; s < count; s++) {
            UUID id = s > 0 && random.nextInt(10) == 0 ? staff.get(0).staffId() : new UUID(random.nextLong(), random.nextLong());
            staff.add(new StaffSchedule(id, randomHours(random, anchor), randomIntervals(random, from, to, 3, 60, 2 * 24 * 60),
                    randomIntervals(random, from, to, 30, 15, 180)));
        }
        Set<UUID> onlyStaff = new HashSet<>();
        if (random.nextInt(3) == 0) {
            staff.stream().filter(schedule -> random.nextBoolean()).forEach(schedule -> onlyStaff.add(schedule.staffId()));
            if (random.nextBoolean()) {
                onlyStaff.add(new UUID(random.nextLong(), random.nextLong()));
            }
        }
        return new AvailabilityRequest(zone, now, from, to, service, staff, List.of(), onlyStaff, step);
    }

    private static AvailabilityRequest randomClassRequest(Random random) {
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        Instant now = ANCHORS.get(random.nextInt(ANCHORS.size())).atStartOfDay(zone).toInstant();
        Instant from = now.plus(Duration.ofMinutes(random.nextInt(2 * 24 * 60) - 24 * 60));
        Instant to = from.plus(Duration.ofMinutes(random.nextInt(7 * 24 * 60) - 60));
        ServiceSpec service = new ServiceSpec(AvailabilityFixtures.SERVICE, ServiceKind.CLASS, Duration.ofMinutes(60),
                Duration.ZERO, Duration.ZERO, Duration.ofMinutes(random.nextInt(24 * 60)),
                Duration.ofMinutes(60 + random.nextInt(7 * 24 * 60)));
        List<UUID> teachers = List.of(new UUID(random.nextLong(), random.nextLong()), new UUID(random.nextLong(), random.nextLong()),
                new UUID(random.nextLong(), random.nextLong()));
        List<ClassSession> sessions = new ArrayList<>();
        int count = random.nextInt(40);
        for (int s = 0; s < count; s++) {
            Instant start = from.plus(Duration.ofMinutes(15L * (random.nextInt(8 * 24 * 4) - 96)));
            int capacity = 1 + random.nextInt(20);
            sessions.add(new ClassSession(new UUID(random.nextLong(), random.nextLong()), teachers.get(random.nextInt(3)),
                    start, start.plus(Duration.ofMinutes(45 + 15 * random.nextInt(4))), capacity,
                    random.nextInt(capacity + 2), random.nextInt(8) == 0));
            if (random.nextInt(15) == 0) {
                sessions.add(sessions.getLast());
            }
        }
        Set<UUID> onlyStaff = random.nextInt(3) == 0 ? Set.of(teachers.get(random.nextInt(3))) : Set.of();
        return new AvailabilityRequest(zone, now, from, to, service, List.of(), sessions, onlyStaff, Duration.ofMinutes(15));
    }

    private static Duration randomBuffer(Random random) {
        return random.nextBoolean() ? Duration.ZERO : Duration.ofMinutes(5 * random.nextInt(7));
    }

    private static List<WorkingHours> randomHours(Random random, LocalDate anchor) {
        List<WorkingHours> hours = new ArrayList<>();
        int count = 1 + random.nextInt(10);
        for (int b = 0; b < count; b++) {
            // Night blocks are common here so that DST transitions fall inside them.
            int startMinute = random.nextInt(3) == 0 ? random.nextInt(4 * 60) : 5 * random.nextInt(12 * 12);
            int length = 15 + random.nextInt(10 * 60);
            int endMinute = Math.min(startMinute + length, 24 * 60 - 1);
            LocalDate validFrom = anchor.plusDays(random.nextInt(20) - 14);
            LocalDate validUntil = random.nextBoolean() ? null : validFrom.plusDays(random.nextInt(14));
            hours.add(new WorkingHours(DayOfWeek.of(1 + random.nextInt(7)), LocalTime.of(startMinute / 60, startMinute % 60),
                    LocalTime.of(endMinute / 60, endMinute % 60), validFrom, validUntil));
        }
        return hours;
    }

    private static List<Interval> randomIntervals(Random random, Instant from, Instant to, int maxCount, int minMinutes,
            int maxMinutes) {
        List<Interval> intervals = new ArrayList<>();
        long span = Math.max(1, Duration.between(from, to).toMinutes()) + 2 * 24 * 60;
        int count = random.nextInt(maxCount + 1);
        for (int i = 0; i < count; i++) {
            Instant start = from.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(random.nextLong(span)));
            intervals.add(new Interval(start, start.plus(Duration.ofMinutes(minMinutes + random.nextInt(maxMinutes - minMinutes + 1)))));
        }
        return intervals;
    }
}
