package dev.portico.catalog;

import static dev.portico.catalog.CatalogEdits.schema;

import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import dev.portico.web.ApiException.FieldProblem;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The class timetable: recurring rules generate the sessions of the next four weeks in the studio's time zone
 * (a rule's 18:00 stays 18:00 local across a daylight-saving change), a daily job tops them up, and single
 * sessions are edited or cancelled. A rule remembers the last date it generated, so the top-up never re-creates
 * a session an admin moved or removed, and a session that exists already (same service and start) is never
 * duplicated.
 *
 * <p>Editing or ending a rule touches only its future sessions that nobody booked: those still on the rule's
 * new timetable are updated in place (instructor, location, capacity), the others are removed, and missing ones
 * are generated. Sessions with bookings are left exactly as they are; the studio moves or cancels them one by one.
 */
@Service
class ClassSchedule {

    static final int DAYS_AHEAD = 28;

    private static final Logger log = LoggerFactory.getLogger(ClassSchedule.class);
    private static final String RULE_COLUMNS = """
            id, service_id, staff_id, location_id, weekdays, start_time, valid_from, valid_until, capacity, active, generated_until,
            version, created_at AS page_at, id AS page_id""";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ClassSchedule(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A recurring rule. */
    record Rule(UUID id, UUID serviceId, UUID staffId, UUID locationId, List<Integer> weekdays, LocalTime startTime, LocalDate from,
            @Nullable LocalDate until, @Nullable Integer capacity, boolean active, @Nullable LocalDate generatedUntil, long version) {}

    /** What a rule change did to its sessions. */
    record Generation(int created, int updated, int removed, int keptWithBookings) {}

    /** A class session as it stands. */
    record Session(UUID id, UUID serviceId, UUID staffId, UUID locationId, Instant startsAt, Instant endsAt, int capacity, int booked,
            String status, @Nullable UUID ruleId, long version) {}

    /**
     * The local starts of a weekly timetable on the dates {@code first} to {@code last}, inclusive, in {@code zone}.
     * A time that does not exist on a day (skipped by a daylight-saving change) moves forward by the gap; a time
     * that happens twice takes the earlier.
     */
    static List<ZonedDateTime> occurrences(Set<DayOfWeek> days, LocalTime time, LocalDate first, LocalDate last, ZoneId zone) {
        List<ZonedDateTime> starts = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (days.contains(day.getDayOfWeek())) {
                starts.add(ZonedDateTime.of(day, time, zone));
            }
        }
        return starts;
    }

    Optional<Rule> rule(UUID id) {
        return jdbc.sql("SELECT " + RULE_COLUMNS + " FROM " + schema() + ".class_schedule_rules WHERE id = ?").param(id)
                .query((rs, n) -> rule(rs)).optional();
    }

    Optional<Session> session(UUID id) {
        return jdbc.sql("SELECT " + SESSION_COLUMNS + " FROM " + schema() + ".class_sessions WHERE id = ?").param(id)
                .query((rs, n) -> session(rs)).optional();
    }

    /** Creates a rule and its sessions for the coming weeks. */
    @Transactional
    Rule create(Rule rule) {
        jdbc.sql("INSERT INTO " + schema() + """
                .class_schedule_rules (id, service_id, staff_id, location_id, weekdays, start_time, valid_from, valid_until,
                                       capacity, active)
                VALUES (?, ?, ?, ?, cast(? AS smallint[]), ?, ?, ?, ?, ?)
                """).params(rule.id(), rule.serviceId(), rule.staffId(), rule.locationId(), weekdays(rule), Time.valueOf(rule.startTime()),
                Date.valueOf(rule.from()), rule.until() == null ? null : Date.valueOf(rule.until()), rule.capacity(), rule.active()).update();
        return rule(rule.id()).orElseThrow();
    }

    /** Replaces a rule guarded by its version; false when the version is stale. */
    @Transactional
    boolean replace(Rule rule, long version) {
        return jdbc.sql("UPDATE " + schema() + """
                .class_schedule_rules SET service_id = ?, staff_id = ?, location_id = ?, weekdays = cast(? AS smallint[]), start_time = ?, valid_from = ?,
                                          valid_until = ?, capacity = ?, active = ?, updated_at = now(), version = version + 1
                 WHERE id = ? AND version = ?
                """).params(rule.serviceId(), rule.staffId(), rule.locationId(), weekdays(rule), Time.valueOf(rule.startTime()),
                Date.valueOf(rule.from()), rule.until() == null ? null : Date.valueOf(rule.until()), rule.capacity(), rule.active(),
                rule.id(), version).update() == 1;
    }

    /** Brings a rule's unbooked future sessions in line with the rule as it now stands, and fills the coming weeks. */
    @Transactional
    Generation reconcile(UUID ruleId) {
        Instant now = clock.instant();
        Rule rule = rule(ruleId).orElseThrow();
        Set<Instant> wanted = new HashSet<>();
        Optional<Template> template = template(rule);
        if (template.isPresent()) {
            for (ZonedDateTime start : window(rule, now, true)) {
                wanted.add(start.toInstant());
            }
        }
        int updated = 0;
        int removed = 0;
        List<Session> unbooked = jdbc.sql("SELECT " + SESSION_COLUMNS + " FROM " + schema() + """
                .class_sessions WHERE rule_id = ? AND starts_at > ? AND status = 'SCHEDULED' AND booked_count = 0
                 ORDER BY starts_at FOR UPDATE
                """).params(ruleId, Timestamp.from(now)).query((rs, n) -> session(rs)).list();
        for (Session session : unbooked) {
            if (template.isPresent() && session.serviceId().equals(rule.serviceId()) && wanted.contains(session.startsAt())) {
                updated += jdbc.sql("UPDATE " + schema() + """
                        .class_sessions SET staff_id = ?, location_id = ?, capacity = ?, ends_at = starts_at + make_interval(mins => ?),
                                            updated_at = now(), version = version + 1
                         WHERE id = ? AND (staff_id, location_id, capacity, ends_at) IS DISTINCT FROM (?, ?, ?, starts_at + make_interval(mins => ?))
                        """).params(rule.staffId(), rule.locationId(), template.get().capacity(), template.get().durationMinutes(),
                        session.id(), rule.staffId(), rule.locationId(), template.get().capacity(), template.get().durationMinutes())
                        .update();
            } else {
                removed++;
                // A session with only cancelled bookings in its history is kept as history, cancelled.
                if (jdbc.sql("DELETE FROM " + schema() + ".class_sessions s WHERE s.id = ? AND NOT EXISTS (SELECT 1 FROM " + schema()
                        + ".appointments a WHERE a.class_session_id = s.id)").param(session.id()).update() == 0) {
                    jdbc.sql("UPDATE " + schema() + ".class_sessions SET status = 'CANCELLED', cancelled_at = ?, updated_at = now(), "
                            + "version = version + 1 WHERE id = ?").params(Timestamp.from(now), session.id()).update();
                }
            }
        }
        int created = generate(rule, now, true);
        int kept = jdbc.sql("SELECT count(*) FROM " + schema() + ".class_sessions WHERE rule_id = ? AND starts_at > ? "
                + "AND status = 'SCHEDULED' AND booked_count > 0").params(ruleId, Timestamp.from(now)).query(Integer.class).single();
        return new Generation(created, updated, removed, kept);
    }

    /** Generates every active rule's sessions up to four weeks ahead, from where each left off. */
    @Transactional
    int topUp(Instant now) {
        int created = 0;
        for (Rule rule : jdbc.sql("SELECT " + RULE_COLUMNS + " FROM " + schema() + ".class_schedule_rules WHERE active ORDER BY created_at, id")
                .query((rs, n) -> rule(rs)).list()) {
            created += generate(rule, now, false);
        }
        if (created > 0) {
            log.info("Generated {} class sessions for {}", created, TenantContext.require().slug());
        }
        return created;
    }

    /**
     * Changes one session: instructor, start (only while nobody is booked) and capacity (never below the places
     * taken). Guarded by the session's version.
     */
    @Transactional
    Session change(UUID sessionId, long version, @Nullable UUID staffId, @Nullable Instant startsAt, @Nullable Integer capacity,
            Actor actor) {
        Session before = lock(sessionId);
        if (before.version() != version) {
            throw CatalogEdits.versionConflict("class session");
        }
        if ("CANCELLED".equals(before.status())) {
            throw CatalogEdits.refused("SESSION_CANCELLED", "Session cancelled", "This session is cancelled and can no longer be changed.");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (staffId != null && !jdbc.sql("SELECT EXISTS (SELECT 1 FROM " + schema() + ".staff WHERE id = ? AND active)")
                .param(staffId).query(Boolean.class).single()) {
            problems.add(new FieldProblem("staffId", "is not an active staff member of this studio"));
        }
        boolean moves = startsAt != null && !startsAt.equals(before.startsAt());
        if (moves && !startsAt.isAfter(clock.instant())) {
            problems.add(new FieldProblem("startsAt", "must be in the future"));
        }
        CatalogEdits.failOn(problems);
        if (capacity != null && capacity < before.booked()) {
            throw CatalogEdits.refused("CAPACITY_BELOW_BOOKED", "Capacity below bookings",
                    before.booked() + " places are booked in this session, so its capacity cannot go below " + before.booked() + ".");
        }
        if (moves && before.booked() > 0) {
            throw CatalogEdits.refused("SESSION_HAS_BOOKINGS", "Session has bookings",
                    "People are booked into this session, so its time cannot change. Cancel it instead, and they will be told.");
        }
        Instant start = moves ? startsAt : before.startsAt();
        Instant end = start.plus(Duration.between(before.startsAt(), before.endsAt()));
        UUID staff = staffId != null ? staffId : before.staffId();
        try {
            jdbc.sql("UPDATE " + schema() + """
                    .class_sessions SET staff_id = ?, starts_at = ?, ends_at = ?, capacity = ?, updated_at = now(), version = version + 1
                     WHERE id = ?
                    """).params(staff, Timestamp.from(start), Timestamp.from(end), capacity != null ? capacity : before.capacity(), sessionId)
                    .update();
        } catch (DuplicateKeyException e) {
            throw CatalogEdits.refused("SESSION_CONFLICT", "Another session at that time",
                    "This class already has a session starting at that time.");
        }
        Session after = session(sessionId).orElseThrow();
        audit.record(actor, "class_session.updated", null, "class_session", sessionId.toString(),
                CatalogEdits.diff(fields(before), fields(after)));
        if (!staff.equals(before.staffId()) || moves) {
            events.publishEvent(new ClassSessionChanged(TenantContext.require().slug(), sessionId, after.staffId(), after.locationId(),
                    after.startsAt(), after.endsAt()));
        }
        return after;
    }

    /**
     * Cancels a session for everyone in it. The booking feature, listening in this transaction, cancels each
     * booking, returns credits and payments and tells the customers; if any of that fails, nothing is cancelled.
     */
    @Transactional
    Session cancel(UUID sessionId, @Nullable String reason, Actor actor) {
        Session session = lock(sessionId);
        if ("CANCELLED".equals(session.status())) {
            throw CatalogEdits.refused("SESSION_ALREADY_CANCELLED", "Already cancelled", "This session is already cancelled.");
        }
        Instant now = clock.instant();
        if (!session.endsAt().isAfter(now)) {
            throw CatalogEdits.refused("SESSION_ENDED", "Session ended", "This session has already taken place.");
        }
        jdbc.sql("UPDATE " + schema() + ".class_sessions SET status = 'CANCELLED', cancelled_at = ?, updated_at = now(), "
                + "version = version + 1 WHERE id = ?").params(Timestamp.from(now), sessionId).update();
        Map<String, @Nullable Object> details = CatalogEdits.fields("startsAt", session.startsAt().toString(),
                "booked", session.booked(), "reason", reason);
        audit.record(actor, "class_session.cancelled", null, "class_session", sessionId.toString(), details);
        events.publishEvent(new ClassSessionCancelled(TenantContext.require().slug(), sessionId, session.serviceId(), session.startsAt(),
                actor.id(), reason));
        return session(sessionId).orElseThrow();
    }

    private Session lock(UUID sessionId) {
        return jdbc.sql("SELECT " + SESSION_COLUMNS + " FROM " + schema() + ".class_sessions WHERE id = ? FOR UPDATE").param(sessionId)
                .query((rs, n) -> session(rs)).optional().orElseThrow(() -> ApiException.notFound("Class session"));
    }

    /** What generated sessions copy from the service. */
    private record Template(int durationMinutes, int capacity) {}

    /** The service's duration and the capacity, when the rule and everything it names is active; else nothing is generated. */
    private Optional<Template> template(Rule rule) {
        if (!rule.active()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT s.duration_minutes, s.capacity FROM %1$s.services s
                 WHERE s.id = ? AND s.active AND s.kind = 'CLASS'
                   AND EXISTS (SELECT 1 FROM %1$s.staff WHERE id = ? AND active)
                   AND EXISTS (SELECT 1 FROM %1$s.locations WHERE id = ? AND active)
                """.formatted(schema())).params(rule.serviceId(), rule.staffId(), rule.locationId())
                .query((rs, n) -> new Template(rs.getInt(1), rule.capacity() != null ? rule.capacity() : rs.getInt(2))).optional();
    }

    /** The rule's starts still to come in the generation window: from today (or from where it left off) to four weeks ahead. */
    private List<ZonedDateTime> window(Rule rule, Instant now, boolean fromToday) {
        ZoneId zone = CatalogEdits.studioZone();
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate first = rule.from().isAfter(today) ? rule.from() : today;
        if (!fromToday && rule.generatedUntil() != null && !rule.generatedUntil().isBefore(first)) {
            first = rule.generatedUntil().plusDays(1);
        }
        LocalDate last = lastDay(rule, today);
        Set<DayOfWeek> days = new HashSet<>();
        rule.weekdays().forEach(day -> days.add(DayOfWeek.of(day)));
        return occurrences(days, rule.startTime(), first, last, zone).stream().filter(start -> start.toInstant().isAfter(now)).toList();
    }

    private static LocalDate lastDay(Rule rule, LocalDate today) {
        LocalDate horizon = today.plusDays(DAYS_AHEAD);
        return rule.until() != null && rule.until().isBefore(horizon) ? rule.until() : horizon;
    }

    private int generate(Rule rule, Instant now, boolean fromToday) {
        Optional<Template> template = template(rule);
        if (template.isEmpty()) {
            return 0;
        }
        int created = 0;
        for (ZonedDateTime start : window(rule, now, fromToday)) {
            Instant startsAt = start.toInstant();
            created += jdbc.sql("INSERT INTO " + schema() + """
                    .class_sessions (service_id, staff_id, location_id, starts_at, ends_at, capacity, rule_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (service_id, starts_at) DO NOTHING
                    """).params(rule.serviceId(), rule.staffId(), rule.locationId(), Timestamp.from(startsAt),
                    Timestamp.from(startsAt.plus(Duration.ofMinutes(template.get().durationMinutes()))), template.get().capacity(), rule.id())
                    .update();
        }
        LocalDate last = lastDay(rule, now.atZone(CatalogEdits.studioZone()).toLocalDate());
        jdbc.sql("UPDATE " + schema() + ".class_schedule_rules SET generated_until = "
                        + (fromToday ? "?" : "greatest(coalesce(generated_until, ?), ?)") + " WHERE id = ?")
                .params(fromToday ? List.of(Date.valueOf(last), rule.id()) : List.of(Date.valueOf(last), Date.valueOf(last), rule.id()))
                .update();
        return created;
    }

    private static Map<String, @Nullable Object> fields(Session session) {
        return CatalogEdits.fields("staffId", session.staffId().toString(), "startsAt", session.startsAt().toString(),
                "endsAt", session.endsAt().toString(), "capacity", session.capacity());
    }

    private static Integer[] weekdays(Rule rule) {
        return rule.weekdays().stream().distinct().sorted().toArray(Integer[]::new);
    }

    static final String SESSION_COLUMNS = """
            id, service_id, staff_id, location_id, starts_at, ends_at, capacity, booked_count, status, rule_id, version""";

    static Session session(ResultSet rs) throws SQLException {
        return new Session(rs.getObject("id", UUID.class), rs.getObject("service_id", UUID.class), rs.getObject("staff_id", UUID.class),
                rs.getObject("location_id", UUID.class), CatalogEdits.instant(rs, "starts_at"), CatalogEdits.instant(rs, "ends_at"),
                rs.getInt("capacity"), rs.getInt("booked_count"), rs.getString("status"), rs.getObject("rule_id", UUID.class),
                rs.getLong("version"));
    }

    static Rule rule(ResultSet rs) throws SQLException {
        Object[] days = (Object[]) rs.getArray("weekdays").getArray();
        return new Rule(rs.getObject("id", UUID.class), rs.getObject("service_id", UUID.class), rs.getObject("staff_id", UUID.class),
                rs.getObject("location_id", UUID.class), Arrays.stream(days).map(d -> ((Number) d).intValue()).toList(),
                rs.getTime("start_time").toLocalTime(), rs.getDate("valid_from").toLocalDate(),
                rs.getDate("valid_until") == null ? null : rs.getDate("valid_until").toLocalDate(), (Integer) rs.getObject("capacity"),
                rs.getBoolean("active"), rs.getDate("generated_until") == null ? null : rs.getDate("generated_until").toLocalDate(),
                rs.getLong("version"));
    }
}
