package dev.portico.bench;

import dev.portico.availability.AvailabilityEngine;
import dev.portico.availability.AvailabilityRequest;
import dev.portico.availability.ClassSession;
import dev.portico.availability.Interval;
import dev.portico.availability.ServiceKind;
import dev.portico.availability.ServiceSpec;
import dev.portico.availability.Slot;
import dev.portico.availability.StaffSchedule;
import dev.portico.availability.WorkingHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code GET /availability} worth of engine work: 30 days for one and for ten staff members with a realistic
 * diary, and 30 days of a class timetable. The data is random with a fixed seed, so runs compare.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms256m", "-Xmx256m"})
public class AvailabilityBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    // A Monday morning; the 30-day window runs across the spring-forward night on 29 March.
    private static final Instant NOW = Instant.parse("2026-03-09T07:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(30);
    private static final Duration STEP = Duration.ofMinutes(15);
    private static final ServiceSpec MASSAGE = new ServiceSpec(UUID.fromString("00000000-0000-0000-0000-00000000000a"), ServiceKind.APPOINTMENT,
            Duration.ofMinutes(60), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofHours(2), Duration.ofDays(60));
    private static final ServiceSpec YOGA = new ServiceSpec(UUID.fromString("00000000-0000-0000-0000-00000000000c"), ServiceKind.CLASS, Duration.ofMinutes(60),
            Duration.ZERO, Duration.ZERO, Duration.ofHours(1), Duration.ofDays(60));
    // Hour starts of a 09:00–13:00 and 14:00–18:00 day.
    private static final int[] BOOKABLE_HOURS = {9, 10, 11, 12, 14, 15, 16, 17};
    private static final int[] CLASS_HOURS = {7, 9, 12, 17, 18, 20};

    private final AvailabilityEngine engine = new AvailabilityEngine();
    private AvailabilityRequest oneStaff;
    private AvailabilityRequest tenStaff;
    private AvailabilityRequest classes;
    private Instant bookableStart;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        List<StaffSchedule> staff = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            staff.add(staffMember(random));
        }
        oneStaff = appointments(List.of(staff.getFirst()));
        tenStaff = appointments(staff);
        classes = new AvailabilityRequest(ZONE, NOW, NOW, NOW.plus(WINDOW), YOGA, List.of(), timetable(random), Set.of(), STEP);
        List<Slot> slots = engine.slots(tenStaff);
        bookableStart = slots.get(slots.size() / 2).startsAt();
    }

    @Benchmark
    public List<Slot> oneStaffThirtyDays() {
        return engine.slots(oneStaff);
    }

    @Benchmark
    public List<Slot> tenStaffThirtyDays() {
        return engine.slots(tenStaff);
    }

    @Benchmark
    public List<Slot> classesThirtyDays() {
        return engine.slots(classes);
    }

    /** Validating one chosen start, as a booking or reschedule does, against the same ten-staff diary. */
    @Benchmark
    public Optional<Slot> slotAtTenStaff() {
        return engine.slotAt(tenStaff, bookableStart, null);
    }

    private static AvailabilityRequest appointments(List<StaffSchedule> staff) {
        return new AvailabilityRequest(ZONE, NOW, NOW, NOW.plus(WINDOW), MASSAGE, staff, List.of(), Set.of(), STEP);
    }

    /** Monday to Saturday with a lunch break, 5–8 bookings a day, a day off and a two-hour absence in the month. */
    private static StaffSchedule staffMember(Random random) {
        List<WorkingHours> hours = new ArrayList<>();
        LocalDate since = LocalDate.of(2026, 1, 1);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SUNDAY) {
                hours.add(new WorkingHours(day, LocalTime.of(9, 0), LocalTime.of(13, 0), since, null));
                hours.add(new WorkingHours(day, LocalTime.of(14, 0), LocalTime.of(18, 0), since, null));
            }
        }
        LocalDate first = LocalDate.ofInstant(NOW, ZONE);
        List<Interval> busy = new ArrayList<>();
        for (LocalDate date = first; date.isBefore(first.plusDays(31)); date = date.plusDays(1)) {
            if (date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            int bookings = 5 + random.nextInt(4);
            int[] order = shuffled(BOOKABLE_HOURS, random);
            for (int b = 0; b < bookings; b++) {
                Instant start = ZonedDateTime.of(date, LocalTime.of(order[b], 15 * random.nextInt(2)), ZONE).toInstant();
                busy.add(new Interval(start, start.plus(Duration.ofMinutes(45))));
            }
        }
        LocalDate dayOff = first.plusDays(random.nextInt(30));
        LocalDate dentist = first.plusDays(random.nextInt(30));
        Instant dentistAt = ZonedDateTime.of(dentist, LocalTime.of(10, 0), ZONE).toInstant();
        List<Interval> timeOff = List.of(
                new Interval(dayOff.atStartOfDay(ZONE).toInstant(), dayOff.plusDays(1).atStartOfDay(ZONE).toInstant()),
                new Interval(dentistAt, dentistAt.plus(Duration.ofHours(2))));
        return new StaffSchedule(new UUID(random.nextLong(), random.nextLong()), hours, timeOff, busy);
    }

    /** Six sessions a day among four teachers; some full, a few cancelled. */
    private static List<ClassSession> timetable(Random random) {
        List<UUID> teachers = List.of(new UUID(random.nextLong(), random.nextLong()), new UUID(random.nextLong(), random.nextLong()),
                new UUID(random.nextLong(), random.nextLong()), new UUID(random.nextLong(), random.nextLong()));
        List<ClassSession> sessions = new ArrayList<>();
        LocalDate first = LocalDate.ofInstant(NOW, ZONE);
        for (LocalDate date = first; date.isBefore(first.plusDays(31)); date = date.plusDays(1)) {
            for (int hour : CLASS_HOURS) {
                Instant start = ZonedDateTime.of(date, LocalTime.of(hour, 0), ZONE).toInstant();
                sessions.add(new ClassSession(new UUID(random.nextLong(), random.nextLong()),
                        teachers.get(random.nextInt(teachers.size())), start, start.plus(Duration.ofMinutes(60)), 20,
                        random.nextInt(21), random.nextInt(20) == 0));
            }
        }
        return sessions;
    }

    private static int[] shuffled(int[] values, Random random) {
        int[] copy = values.clone();
        for (int i = copy.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = copy[i];
            copy[i] = copy[j];
            copy[j] = swap;
        }
        return copy;
    }
}
