package dev.portico.availability;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Computes bookable slots. A pure function of its input: no clock, no database, no state, so the public
 * booking page, the portal and a reschedule all get the same answer for the same facts.
 *
 * <p>The rules:
 * <ul>
 * <li><b>Window.</b> A slot starts at or after {@code max(from, now + minNotice)}, before {@code to}, and at or
 *     before {@code now + maxAdvance}. An empty window gives no slots.</li>
 * <li><b>Classes.</b> One slot per session that is not cancelled, starts in the window and has a free place;
 *     {@code spotsLeft = capacity - booked}. Staff and time off are not consulted: the session is the schedule.</li>
 * <li><b>Appointments.</b> Each working block of each day is resolved to instants with
 *     {@link ZonedDateTime#of(LocalDate, java.time.LocalTime, ZoneId)} (a start in a DST gap moves later by the
 *     gap, a time in a fall-back overlap takes the earlier offset). Candidate starts are the block's start plus
 *     whole steps of <em>elapsed</em> time, while {@code start + duration <= block end}. On a spring-forward night
 *     the block is shorter by the lost hour; on a fall-back night the repeated hour is offered once per real
 *     occurrence, so starts are unique and increasing by construction. Where the offset change is a multiple of
 *     the step (whole-hour DST and a step dividing an hour: every usual setup) these are exactly the starts of the
 *     local wall-clock grid.</li>
 * <li><b>Buffers.</b> A candidate occupies {@code [start - bufferBefore, start + duration + bufferAfter)}. Time off
 *     is taken as given; an existing appointment (in {@code busy}, raw times) is widened by the same service's
 *     buffers, {@code [busyStart - bufferBefore, busyEnd + bufferAfter)}, since the engine does not know its
 *     service's own buffers. Two appointments of the service are therefore kept
 *     {@code bufferAfter + bufferBefore} apart, the after-buffer of the first plus the before-buffer of the second.
 *     Buffers may reach outside working hours (preparation before opening is allowed); only the appointment
 *     itself must fit the block. A class the staff member teaches blocks appointments only if the caller lists it
 *     in {@code busy} or {@code timeOff}.</li>
 * <li><b>Order.</b> By start, then staff id, then class session id; equal slots are returned once.</li>
 * <li><b>Staff listed twice</b> are one person: the union of both entries' hours, time off and bookings.</li>
 * </ul>
 */
public final class AvailabilityEngine {

    private static final Duration ONE_NANO = Duration.ofNanos(1);

    private static final Comparator<Slot> ORDER = (a, b) -> {
        int byStart = a.startsAt().compareTo(b.startsAt());
        if (byStart != 0) {
            return byStart;
        }
        int byStaff = a.staffId().compareTo(b.staffId());
        if (byStaff != 0) {
            return byStaff;
        }
        UUID sessionA = a.classSessionId();
        UUID sessionB = b.classSessionId();
        if (sessionA == null || sessionB == null) {
            return sessionA == null ? (sessionB == null ? 0 : -1) : 1;
        }
        return sessionA.compareTo(sessionB);
    };

    /** Every bookable slot in the request's window, by start time then staff. */
    public List<Slot> slots(AvailabilityRequest request) {
        Window window = Window.of(request);
        if (window == null) {
            return List.of();
        }
        List<Slot> found = new ArrayList<>();
        switch (request.service().kind()) {
            case CLASS -> addClassSlots(request, window, found);
            case APPOINTMENT -> addAppointmentSlots(request, window, found);
        }
        return sortedDistinct(found);
    }

    /**
     * The slot starting exactly at {@code startsAt}, with that staff member or, when {@code staffId} is null, with the
     * first staff member {@link #slots} would list, if it is bookable under the request. Agrees with {@link #slots}:
     * the start must lie in the request's window and on the grid. Costs one start, not the whole window.
     */
    public Optional<Slot> slotAt(AvailabilityRequest request, Instant startsAt, @Nullable UUID staffId) {
        if (startsAt.isBefore(request.from()) || !startsAt.isBefore(request.to())) {
            return Optional.empty();
        }
        Set<UUID> onlyStaff = request.onlyStaff();
        if (staffId != null) {
            if (!onlyStaff.isEmpty() && !onlyStaff.contains(staffId)) {
                return Optional.empty();
            }
            onlyStaff = Set.of(staffId);
        }
        // A one-nanosecond window admits exactly this start, so the answer is slots() restricted to it.
        AvailabilityRequest one = new AvailabilityRequest(request.zone(), request.now(), startsAt,
                startsAt.plus(ONE_NANO), request.service(), request.staff(), request.sessions(), onlyStaff,
                request.step());
        List<Slot> found = slots(one);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    private static void addClassSlots(AvailabilityRequest request, Window window, List<Slot> found) {
        Set<UUID> onlyStaff = request.onlyStaff();
        for (ClassSession session : request.sessions()) {
            if (session.cancelled() || session.booked() >= session.capacity() || !window.contains(session.startsAt())
                    || (!onlyStaff.isEmpty() && !onlyStaff.contains(session.staffId()))) {
                continue;
            }
            found.add(new Slot(session.startsAt(), session.endsAt(), session.staffId(),
                    session.capacity() - session.booked(), session.id()));
        }
    }

    private static void addAppointmentSlots(AvailabilityRequest request, Window window, List<Slot> found) {
        ServiceSpec service = request.service();
        requirePositive(request.step(), "step");
        requirePositive(service.duration(), "service duration");
        requireNotNegative(service.bufferBefore(), "bufferBefore");
        requireNotNegative(service.bufferAfter(), "bufferAfter");

        ZoneId zone = request.zone();
        // ZonedDateTime moves a time in a gap later, so where a gap spans midnight (Samoa skipped 30 December 2011)
        // a block's starts fall on the next local date: the day before the window is looked at too.
        LocalDate firstDate = LocalDate.ofInstant(window.from(), zone).minusDays(1);
        LocalDate lastDate = LocalDate.ofInstant(window.until(), zone);
        Set<UUID> onlyStaff = request.onlyStaff();
        for (StaffSchedule staff : oneSchedulePerStaff(request.staff())) {
            if (!onlyStaff.isEmpty() && !onlyStaff.contains(staff.staffId())) {
                continue;
            }
            List<List<WorkingHours>> byDay = hoursByDay(staff.hours(), firstDate, lastDate);
            if (byDay == null) {
                continue;
            }
            Blocked blocked = Blocked.of(staff, service, window);
            for (LocalDate date = firstDate; !date.isAfter(lastDate); date = date.plusDays(1)) {
                for (WorkingHours hours : byDay.get(date.getDayOfWeek().ordinal())) {
                    if (appliesOn(hours, date)) {
                        addBlockSlots(request, window, staff.staffId(), blocked,
                                ZonedDateTime.of(date, hours.start(), zone).toInstant(),
                                ZonedDateTime.of(date, hours.end(), zone).toInstant(), found);
                    }
                }
            }
        }
    }

    /**
     * A staff member listed more than once is one person: their hours, time off and bookings are combined, so no
     * entry can offer a time another entry says is taken.
     */
    private static List<StaffSchedule> oneSchedulePerStaff(List<StaffSchedule> staff) {
        Set<UUID> seen = new HashSet<>();
        boolean repeated = false;
        for (StaffSchedule schedule : staff) {
            repeated |= !seen.add(schedule.staffId());
        }
        if (!repeated) {
            return staff;
        }
        Map<UUID, StaffSchedule> merged = new LinkedHashMap<>();
        for (StaffSchedule schedule : staff) {
            merged.merge(schedule.staffId(), schedule, (a, b) -> new StaffSchedule(a.staffId(), concat(a.hours(), b.hours()),
                    concat(a.timeOff(), b.timeOff()), concat(a.busy(), b.busy())));
        }
        return List.copyOf(merged.values());
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> both = new ArrayList<>(first.size() + second.size());
        both.addAll(first);
        both.addAll(second);
        return both;
    }

    /** The staff member's blocks by weekday, keeping those valid somewhere in the dates; null when none is. */
    private static @Nullable List<List<WorkingHours>> hoursByDay(List<WorkingHours> hours, LocalDate firstDate,
            LocalDate lastDate) {
        List<List<WorkingHours>> byDay = null;
        for (WorkingHours block : hours) {
            LocalDate until = block.validUntil();
            if (block.validFrom().isAfter(lastDate) || (until != null && until.isBefore(firstDate))) {
                continue;
            }
            if (byDay == null) {
                byDay = new ArrayList<>(7);
                for (int i = 0; i < 7; i++) {
                    byDay.add(new ArrayList<>(2));
                }
            }
            byDay.get(block.day().ordinal()).add(block);
        }
        return byDay;
    }

    private static boolean appliesOn(WorkingHours hours, LocalDate date) {
        LocalDate until = hours.validUntil();
        return !hours.validFrom().isAfter(date) && (until == null || !until.isBefore(date));
    }

    private static void addBlockSlots(AvailabilityRequest request, Window window, UUID staffId, Blocked blocked,
            Instant blockStart, Instant blockEnd, List<Slot> found) {
        Duration step = request.step();
        Duration duration = request.service().duration();
        // The last start whose appointment still ends inside the block, and never past the window.
        Instant last = min(blockEnd.minus(duration), window.until().minus(ONE_NANO));
        if (last.isBefore(blockStart) || last.isBefore(window.from())) {
            return;
        }
        Instant start = blockStart;
        if (window.from().isAfter(blockStart)) {
            // Jump to the first grid point in the window; the gap is shorter than the block, so nothing overflows.
            Duration gap = Duration.between(blockStart, window.from());
            long steps = gap.dividedBy(step);
            if (step.multipliedBy(steps).compareTo(gap) < 0) {
                steps++;
            }
            start = blockStart.plus(step.multipliedBy(steps));
        }
        int next = blocked.firstEndingAfter(start);
        for (; !start.isAfter(last); start = start.plus(step)) {
            while (next < blocked.size() && !blocked.before[next].isAfter(start)) {
                next++;
            }
            if (next < blocked.size() && blocked.after[next].isBefore(start)) {
                continue;
            }
            found.add(new Slot(start, start.plus(duration), staffId, 1, null));
        }
    }

    private static List<Slot> sortedDistinct(List<Slot> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        // Per-staff runs are already in order, which the list sort (a merge sort) exploits.
        found.sort(ORDER);
        List<Slot> distinct = found;
        for (int i = 1; i < found.size(); i++) {
            if (found.get(i).equals(found.get(i - 1))) {
                distinct = new ArrayList<>(found.size());
                distinct.add(found.getFirst());
                for (int j = 1; j < found.size(); j++) {
                    if (!found.get(j).equals(found.get(j - 1))) {
                        distinct.add(found.get(j));
                    }
                }
                break;
            }
        }
        return Collections.unmodifiableList(distinct);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** {@code instant + amount}, held at the ends of the time line rather than failing for a far-off rule. */
    private static Instant plusSaturated(Instant instant, Duration amount) {
        try {
            return instant.plus(amount);
        } catch (DateTimeException | ArithmeticException outOfRange) {
            return amount.isNegative() ? Instant.MIN : Instant.MAX;
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }

    /** The starts a slot may have: {@code [from, until)}. */
    private record Window(Instant from, Instant until) {

        static @Nullable Window of(AvailabilityRequest request) {
            ServiceSpec service = request.service();
            Instant from = max(request.from(), plusSaturated(request.now(), service.minNotice()));
            // "At most maxAdvance ahead" is inclusive; one nanosecond past it is the first start too far.
            Instant until = min(request.to(), plusSaturated(plusSaturated(request.now(), service.maxAdvance()), ONE_NANO));
            return from.isBefore(until) ? new Window(from, until) : null;
        }

        boolean contains(Instant start) {
            return !start.isBefore(from) && start.isBefore(until);
        }
    }

    /**
     * The starts one staff member cannot take, as disjoint open ranges {@code (after[i], before[i])} sorted by time.
     * Expressing each absence or booking as the starts it rules out turns the overlap test into a single sweep.
     */
    private static final class Blocked {

        private final Instant[] after;
        private final Instant[] before;

        private Blocked(Instant[] after, Instant[] before) {
            this.after = after;
            this.before = before;
        }

        static Blocked of(StaffSchedule staff, ServiceSpec service, Window window) {
            Duration bothBuffers = service.bufferBefore().plus(service.bufferAfter());
            Duration leadIn = service.duration().plus(service.bufferAfter());
            List<Instant[]> ranges = new ArrayList<>();
            // Footprint [s - bufferBefore, s + duration + bufferAfter) meets time off [a, b)
            // iff a - duration - bufferAfter < s < b + bufferBefore.
            collect(staff.timeOff(), leadIn, service.bufferBefore(), window, ranges);
            // It meets a booking [a, b) widened to [a - bufferBefore, b + bufferAfter)
            // iff a - duration - both buffers < s < b + both buffers.
            collect(staff.busy(), leadIn.plus(service.bufferBefore()), bothBuffers, window, ranges);
            ranges.sort((x, y) -> x[0].compareTo(y[0]));
            Instant[] after = new Instant[ranges.size()];
            Instant[] before = new Instant[ranges.size()];
            int size = 0;
            for (Instant[] range : ranges) {
                // Open ranges that merely touch leave the shared instant free, so only true overlaps merge.
                if (size > 0 && range[0].isBefore(before[size - 1])) {
                    before[size - 1] = max(before[size - 1], range[1]);
                } else {
                    after[size] = range[0];
                    before[size] = range[1];
                    size++;
                }
            }
            return new Blocked(Arrays.copyOf(after, size), Arrays.copyOf(before, size));
        }

        /** Adds {@code (start - lead, end + trail)} for each interval whose range can meet the window. */
        private static void collect(List<Interval> intervals, Duration lead, Duration trail, Window window,
                List<Instant[]> ranges) {
            // Tested on the raw interval so that a month of bookings costs two comparisons each when slotAt asks
            // about a single start.
            Instant startsBefore = plusSaturated(window.until(), lead);
            Instant endsAfter = plusSaturated(window.from(), trail.negated());
            Duration back = lead.negated();
            for (Interval interval : intervals) {
                if (interval.start().isBefore(startsBefore) && interval.end().isAfter(endsAfter)) {
                    ranges.add(new Instant[] {plusSaturated(interval.start(), back), plusSaturated(interval.end(), trail)});
                }
            }
        }

        int size() {
            return after.length;
        }

        /** Index of the first range still blocking at or after {@code start}. */
        int firstEndingAfter(Instant start) {
            int low = 0;
            int high = after.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (before[middle].isAfter(start)) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            return low;
        }
    }
}
