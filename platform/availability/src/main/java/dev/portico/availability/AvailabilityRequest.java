package dev.portico.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Everything one availability question needs; the caller loads it, the engine only computes.
 *
 * @param zone     the studio's time zone (working hours are local to it)
 * @param now      the clock reading
 * @param from     start of the window asked about
 * @param to       end of the window asked about, after {@code from}
 * @param service  the service and its rules
 * @param staff    for appointments: each eligible staff member's schedule
 * @param sessions for classes: the sessions of this service overlapping the window
 * @param onlyStaff restrict to these staff members (e.g. the original teacher for a reschedule); empty: any
 * @param step     the grid appointment starts are aligned to, from the start of each working block
 */
public record AvailabilityRequest(ZoneId zone, Instant now, Instant from, Instant to, ServiceSpec service,
        List<StaffSchedule> staff, List<ClassSession> sessions, Set<UUID> onlyStaff, Duration step) {}
