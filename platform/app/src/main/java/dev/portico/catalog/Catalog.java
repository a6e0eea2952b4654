package dev.portico.catalog;

import dev.portico.availability.Interval;
import dev.portico.availability.ServiceKind;
import dev.portico.availability.StaffSchedule;
import dev.portico.availability.WorkingHours;
import dev.portico.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current studio's catalog for other features: services, class sessions and their places, staff schedules,
 * and names for display. Class places are taken and given back here, atomically, so a session is never overbooked.
 */
@Service
public class Catalog {

    private final Locations locations;
    private final JdbcClient jdbc;

    Catalog(Locations locations, JdbcClient jdbc) {
        this.locations = locations;
        this.jdbc = jdbc;
    }

    /** The studio's active locations, by name. */
    @Transactional(readOnly = true)
    public List<Location> activeLocations() {
        return locations.findByActiveTrueOrderByName();
    }

    public Optional<ServiceDetails> service(UUID id) {
        return jdbc.sql("""
                SELECT id, name, kind, duration_minutes, capacity, price_minor, currency, buffer_before_minutes,
                       buffer_after_minutes, min_notice_minutes, max_advance_days, cancel_window_minutes,
                       reschedule_window_minutes, online_bookable, pay_per_visit_allowed, active
                  FROM %s.services WHERE id = ?
                """.formatted(schema())).param(id).query(Catalog::service).optional();
    }

    public Optional<SessionDetails> session(UUID id) {
        return jdbc.sql(SESSION_SELECT.formatted(schema()) + " WHERE id = ?").param(id).query(Catalog::session).optional();
    }

    /** The session of {@code serviceId} starting exactly at {@code startsAt}. */
    public Optional<SessionDetails> sessionAt(UUID serviceId, Instant startsAt) {
        return jdbc.sql(SESSION_SELECT.formatted(schema()) + " WHERE service_id = ? AND starts_at = ?")
                .params(serviceId, Timestamp.from(startsAt)).query(Catalog::session).optional();
    }

    /** Sessions of a service starting in {@code [from, to)}, by start. */
    public List<SessionDetails> sessions(UUID serviceId, Instant from, Instant to) {
        return jdbc.sql(SESSION_SELECT.formatted(schema()) + " WHERE service_id = ? AND starts_at >= ? AND starts_at < ? ORDER BY starts_at")
                .params(serviceId, Timestamp.from(from), Timestamp.from(to)).query(Catalog::session).list();
    }

    /** Takes a place in a scheduled session; false when it is full or cancelled. Never oversubscribes, however many race. */
    public boolean takePlace(UUID sessionId) {
        return jdbc.sql("UPDATE " + schema() + ".class_sessions SET booked_count = booked_count + 1, updated_at = now() "
                + "WHERE id = ? AND status = 'SCHEDULED' AND booked_count < capacity").param(sessionId).update() == 1;
    }

    /** Gives a place back. */
    public void releasePlace(UUID sessionId) {
        jdbc.sql("UPDATE " + schema() + ".class_sessions SET booked_count = booked_count - 1, updated_at = now() "
                + "WHERE id = ? AND booked_count > 0").param(sessionId).update();
    }

    /**
     * The working hours and time off of the staff who deliver an appointment service (or only {@code onlyStaff}),
     * without their bookings, which belong to the booking feature.
     */
    public List<StaffSchedule> staffSchedules(UUID serviceId, Set<UUID> onlyStaff, Instant from, Instant to) {
        List<UUID> staffIds = jdbc.sql("SELECT ss.staff_id FROM " + schema() + ".service_staff ss JOIN " + schema()
                        + ".staff s ON s.id = ss.staff_id WHERE ss.service_id = ? AND s.active ORDER BY ss.staff_id")
                .param(serviceId).query(UUID.class).list().stream()
                .filter(id -> onlyStaff.isEmpty() || onlyStaff.contains(id)).toList();
        if (staffIds.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<WorkingHours>> hours = new HashMap<>();
        jdbc.sql("SELECT staff_id, day_of_week, start_time, end_time, valid_from, valid_until FROM " + schema()
                        + ".staff_working_hours WHERE staff_id = ANY(?)")
                .param(staffIds.toArray(UUID[]::new))
                .query((rs, n) -> {
                    hours.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new WorkingHours(
                            DayOfWeek.of(rs.getInt(2)), rs.getTime(3).toLocalTime(), rs.getTime(4).toLocalTime(),
                            rs.getDate(5).toLocalDate(), rs.getDate(6) == null ? null : rs.getDate(6).toLocalDate()));
                    return null;
                }).list();
        Map<UUID, List<Interval>> timeOff = new HashMap<>();
        jdbc.sql("SELECT staff_id, starts_at, ends_at FROM " + schema()
                        + ".staff_time_off WHERE staff_id = ANY(?) AND ends_at > ? AND starts_at < ?")
                .params(staffIds.toArray(UUID[]::new), Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> {
                    timeOff.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Interval(rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()));
                    return null;
                }).list();
        return staffIds.stream()
                .map(id -> new StaffSchedule(id, hours.getOrDefault(id, List.of()), timeOff.getOrDefault(id, List.of()), List.of()))
                .toList();
    }

    /** Serializes bookings of one staff member's appointments for the rest of the transaction. */
    public void lockStaff(UUID staffId) {
        jdbc.sql("SELECT id FROM " + schema() + ".staff WHERE id = ? FOR UPDATE").param(staffId).query(UUID.class).optional();
    }

    /** The location where a staff member's appointments take place: the location of their working hours. */
    public Optional<UUID> locationOf(UUID staffId) {
        return jdbc.sql("SELECT location_id FROM " + schema() + ".staff_working_hours WHERE staff_id = ? ORDER BY valid_from LIMIT 1")
                .param(staffId).query(UUID.class).optional();
    }

    /** Display names of services, staff and locations by id, for lists. */
    public Names names(Collection<UUID> serviceIds, Collection<UUID> staffIds, Collection<UUID> locationIds) {
        return new Names(lookup("services", "name", serviceIds), lookup("staff", "display_name", staffIds),
                lookup("locations", "name", locationIds));
    }

    /** Names by id; unknown ids read as empty. */
    public record Names(Map<UUID, String> services, Map<UUID, String> staff, Map<UUID, String> locations) {}

    private Map<UUID, String> lookup(String table, String column, Collection<UUID> ids) {
        Map<UUID, String> names = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        jdbc.sql("SELECT id, " + column + " FROM " + schema() + "." + table + " WHERE id = ANY(?)")
                .param(ids.stream().distinct().toArray(UUID[]::new))
                .query((rs, n) -> names.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        return names;
    }

    private static final String SESSION_SELECT = """
            SELECT id, service_id, staff_id, location_id, starts_at, ends_at, capacity, booked_count, status FROM %s.class_sessions
            """;

    private static SessionDetails session(ResultSet rs, int row) throws SQLException {
        return new SessionDetails(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getInt(7),
                rs.getInt(8), "CANCELLED".equals(rs.getString(9)));
    }

    private static ServiceDetails service(ResultSet rs, int row) throws SQLException {
        return new ServiceDetails(rs.getObject(1, UUID.class), rs.getString(2), ServiceKind.valueOf(rs.getString(3)),
                rs.getInt(4), rs.getInt(5), (Long) rs.getObject(6), rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                rs.getInt(11), (Integer) rs.getObject(12), (Integer) rs.getObject(13), rs.getBoolean(14), rs.getBoolean(15),
                rs.getBoolean(16));
    }

    private static String schema() {
        return TenantContext.require().schemaName();
    }
}
