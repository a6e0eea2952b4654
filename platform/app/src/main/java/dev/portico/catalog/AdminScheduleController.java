package dev.portico.catalog;

import static dev.portico.catalog.CatalogEdits.schema;

import dev.portico.security.AdminRole;
import dev.portico.audit.AuditLog;
import dev.portico.web.ApiException;
import dev.portico.web.ApiException.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The class schedule for studio admins: recurring rules that generate sessions, and the sessions themselves with
 * their booked counts. Owners change them; staff read them.
 */
@RestController
@RequestMapping("/api/admin/schedule")
class AdminScheduleController {

    private final ClassSchedule schedule;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    AdminScheduleController(ClassSchedule schedule, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.schedule = schedule;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A recurring rule.
     *
     * @param weekdays       ISO days, 1 = Monday
     * @param startTime      local time in the studio's time zone, such as 18:00
     * @param until          the last date with a session, or null for no end
     * @param capacity       places per session; null for the service's capacity
     * @param generatedUntil the last date sessions have been generated for
     */
    record RuleView(UUID id, UUID serviceId, UUID staffId, UUID locationId, List<Integer> weekdays, String startTime, LocalDate from,
            @Nullable LocalDate until, @Nullable Integer capacity, boolean active, @Nullable LocalDate generatedUntil, long version) {

        static RuleView of(ClassSchedule.Rule rule) {
            return new RuleView(rule.id(), rule.serviceId(), rule.staffId(), rule.locationId(), rule.weekdays(), hhmm(rule.startTime()),
                    rule.from(), rule.until(), rule.capacity(), rule.active(), rule.generatedUntil(), rule.version());
        }

        Map<String, @Nullable Object> fields() {
            return CatalogEdits.fields("serviceId", serviceId.toString(), "staffId", staffId.toString(), "locationId",
                    locationId.toString(), "weekdays", weekdays, "startTime", startTime, "from", from.toString(),
                    "until", until == null ? null : until.toString(), "capacity", capacity, "active", active);
        }
    }

    /** A rule and what saving it did to its sessions. */
    record RuleChange(RuleView rule, ClassSchedule.Generation sessions) {}

    record RuleRequest(@NotNull UUID serviceId, @NotNull UUID staffId, @NotNull UUID locationId,
            @NotNull @Size(min = 1, max = 7) List<@NotNull @Min(1) @Max(7) Integer> weekdays,
            @NotNull @Pattern(regexp = CatalogEdits.TIME, message = CatalogEdits.TIME_MESSAGE) String startTime,
            @NotNull @Pattern(regexp = CatalogEdits.DATE, message = CatalogEdits.DATE_MESSAGE) String from,
            @Nullable @Pattern(regexp = CatalogEdits.DATE, message = CatalogEdits.DATE_MESSAGE) String until,
            @Nullable @Min(1) @Max(10000) Integer capacity, @Nullable Boolean active, @Nullable Long version) {}

    /** A session with the names it is shown with and its booked places. */
    record SessionView(UUID id, UUID serviceId, String serviceName, UUID staffId, String staffName, UUID locationId,
            String locationName, OffsetDateTime startsAt, OffsetDateTime endsAt, int capacity, int booked, String status,
            @Nullable UUID ruleId, long version) {}

    /** Any of staff, start and capacity; the version read is required. */
    record SessionChange(@Nullable UUID staffId, @Nullable OffsetDateTime startsAt, @Nullable @Min(1) @Max(10000) Integer capacity,
            @Nullable Long version) {}

    record Cancel(@Nullable @Size(max = 500) String reason) {}

    @GetMapping
    CatalogEdits.Page<RuleView> rules(@AuthenticationPrincipal Jwt admin, @RequestParam(required = false) @Nullable UUID serviceId,
            @RequestParam(required = false) @Nullable UUID staffId, @RequestParam(required = false) @Nullable Boolean active,
            @RequestParam(defaultValue = "" + CatalogEdits.DEFAULT_LIMIT) int limit, @RequestParam(required = false) @Nullable String cursor) {
        AdminRole.requireStaff(admin);
        List<FieldProblem> problems = new ArrayList<>();
        CatalogEdits.checkLimit(limit, problems);
        CatalogEdits.Cursor after = CatalogEdits.cursor(cursor, problems);
        CatalogEdits.failOn(problems);
        StringBuilder sql = new StringBuilder("SELECT id, service_id, staff_id, location_id, weekdays, start_time, valid_from, valid_until, "
                + "capacity, active, generated_until, version, created_at AS page_at, id AS page_id FROM " + schema()
                + ".class_schedule_rules WHERE true");
        List<Object> params = new ArrayList<>();
        filter(sql, params, "service_id", serviceId);
        filter(sql, params, "staff_id", staffId);
        filter(sql, params, "active", active);
        return CatalogEdits.page(jdbc, sql.toString(), params, "created_at", "id", after, limit,
                (rs, n) -> RuleView.of(ClassSchedule.rule(rs)));
    }

    @GetMapping("/{id}")
    RuleView rule(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id) {
        AdminRole.requireStaff(admin);
        return RuleView.of(find(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    RuleChange create(@AuthenticationPrincipal Jwt admin, @Valid @RequestBody RuleRequest request) {
        AdminRole.requireOwner(admin, "change the class schedule");
        ClassSchedule.Rule created = schedule.create(check(UUID.randomUUID(), request));
        ClassSchedule.Generation sessions = schedule.reconcile(created.id());
        RuleView view = RuleView.of(find(created.id()));
        audit.record(CatalogEdits.actor(admin), "schedule_rule.created", null, "schedule_rule", view.id().toString(),
                withSessions(view.fields(), sessions));
        return new RuleChange(view, sessions);
    }

    /** Replaces a rule; its future sessions nobody booked follow it, booked ones stay as they are. */
    @PutMapping("/{id}")
    @Transactional
    RuleChange update(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id, @Valid @RequestBody RuleRequest request) {
        AdminRole.requireOwner(admin, "change the class schedule");
        long version = CatalogEdits.requireVersion(request.version());
        RuleView before = RuleView.of(find(id));
        if (!schedule.replace(check(id, request), version)) {
            throw CatalogEdits.versionConflict("schedule rule");
        }
        ClassSchedule.Generation sessions = schedule.reconcile(id);
        RuleView after = RuleView.of(find(id));
        audit.record(CatalogEdits.actor(admin), "schedule_rule.updated", null, "schedule_rule", id.toString(),
                withSessions(CatalogEdits.diff(before.fields(), after.fields()), sessions));
        return new RuleChange(after, sessions);
    }

    /** Ends a rule: no more sessions are generated and its future sessions nobody booked are removed. */
    @PostMapping("/{id}/deactivate")
    @Transactional
    RuleChange deactivate(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id) {
        AdminRole.requireOwner(admin, "change the class schedule");
        RuleView before = RuleView.of(find(id));
        jdbc.sql("UPDATE " + schema() + ".class_schedule_rules SET active = false, updated_at = now(), version = version + 1 "
                + "WHERE id = ? AND active").param(id).update();
        ClassSchedule.Generation sessions = schedule.reconcile(id);
        RuleView after = RuleView.of(find(id));
        audit.record(CatalogEdits.actor(admin), "schedule_rule.deactivated", null, "schedule_rule", id.toString(),
                withSessions(CatalogEdits.diff(before.fields(), after.fields()), sessions));
        return new RuleChange(after, sessions);
    }

    /**
     * Sessions starting in {@code [from, to)}, soonest first. {@code from} and {@code to} are instants with an offset
     * or dates in the studio's time zone; {@code from} defaults to now.
     */
    @GetMapping("/sessions")
    CatalogEdits.Page<SessionView> sessions(@AuthenticationPrincipal Jwt admin, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable UUID serviceId,
            @RequestParam(required = false) @Nullable UUID staffId, @RequestParam(required = false) @Nullable UUID locationId,
            @RequestParam(required = false) @Nullable UUID ruleId, @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "" + CatalogEdits.DEFAULT_LIMIT) int limit, @RequestParam(required = false) @Nullable String cursor) {
        AdminRole.requireStaff(admin);
        List<FieldProblem> problems = new ArrayList<>();
        OffsetDateTime since = time("from", from, problems);
        OffsetDateTime until = time("to", to, problems);
        if (since != null && until != null && !since.isBefore(until)) {
            problems.add(new FieldProblem("to", "must be later than from"));
        }
        if (status != null && !status.matches("^(SCHEDULED|CANCELLED)$")) {
            problems.add(new FieldProblem("status", "must be SCHEDULED or CANCELLED"));
        }
        CatalogEdits.checkLimit(limit, problems);
        CatalogEdits.Cursor after = CatalogEdits.cursor(cursor, problems);
        CatalogEdits.failOn(problems);
        StringBuilder sql = new StringBuilder("""
                SELECT s.id, s.service_id, sv.name AS service_name, s.staff_id, st.display_name AS staff_name, s.location_id,
                       l.name AS location_name, s.starts_at, s.ends_at, s.capacity, s.booked_count, s.status, s.rule_id, s.version,
                       s.starts_at AS page_at, s.id AS page_id
                  FROM %1$s.class_sessions s
                  JOIN %1$s.services sv ON sv.id = s.service_id
                  JOIN %1$s.staff st ON st.id = s.staff_id
                  JOIN %1$s.locations l ON l.id = s.location_id
                 WHERE s.starts_at >= ?""".formatted(schema()));
        List<Object> params = new ArrayList<>();
        params.add(since != null ? since : clock.instant().atOffset(ZoneOffset.UTC));
        if (until != null) {
            sql.append(" AND s.starts_at < ?");
            params.add(until);
        }
        filter(sql, params, "s.service_id", serviceId);
        filter(sql, params, "s.staff_id", staffId);
        filter(sql, params, "s.location_id", locationId);
        filter(sql, params, "s.rule_id", ruleId);
        filter(sql, params, "s.status", status);
        return CatalogEdits.page(jdbc, sql.toString(), params, "s.starts_at", "s.id", after, limit, (rs, n) -> new SessionView(
                rs.getObject("id", UUID.class), rs.getObject("service_id", UUID.class), rs.getString("service_name"),
                rs.getObject("staff_id", UUID.class), rs.getString("staff_name"), rs.getObject("location_id", UUID.class),
                rs.getString("location_name"), CatalogEdits.local(CatalogEdits.instant(rs, "starts_at")),
                CatalogEdits.local(CatalogEdits.instant(rs, "ends_at")), rs.getInt("capacity"), rs.getInt("booked_count"),
                rs.getString("status"), rs.getObject("rule_id", UUID.class), rs.getLong("version")));
    }

    @GetMapping("/sessions/{id}")
    SessionView session(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id) {
        AdminRole.requireStaff(admin);
        return view(id);
    }

    @PatchMapping("/sessions/{id}")
    SessionView change(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id, @Valid @RequestBody SessionChange change) {
        AdminRole.requireOwner(admin, "change the class schedule");
        long version = CatalogEdits.requireVersion(change.version());
        schedule.change(id, version, change.staffId(), change.startsAt() == null ? null : change.startsAt().toInstant(),
                change.capacity(), CatalogEdits.actor(admin));
        return view(id);
    }

    /** Cancels the session for everyone booked: their credits or payments come back and each is told. */
    @PostMapping("/sessions/{id}/cancel")
    SessionView cancel(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Cancel cancel) {
        AdminRole.requireOwner(admin, "cancel class sessions");
        schedule.cancel(id, cancel == null ? null : CatalogEdits.blankToNull(cancel.reason()), CatalogEdits.actor(admin));
        return view(id);
    }

    private SessionView view(UUID id) {
        return jdbc.sql("""
                SELECT s.id, s.service_id, sv.name AS service_name, s.staff_id, st.display_name AS staff_name, s.location_id,
                       l.name AS location_name, s.starts_at, s.ends_at, s.capacity, s.booked_count, s.status, s.rule_id, s.version
                  FROM %1$s.class_sessions s
                  JOIN %1$s.services sv ON sv.id = s.service_id
                  JOIN %1$s.staff st ON st.id = s.staff_id
                  JOIN %1$s.locations l ON l.id = s.location_id
                 WHERE s.id = ?""".formatted(schema())).param(id).query((rs, n) -> new SessionView(
                rs.getObject("id", UUID.class), rs.getObject("service_id", UUID.class), rs.getString("service_name"),
                rs.getObject("staff_id", UUID.class), rs.getString("staff_name"), rs.getObject("location_id", UUID.class),
                rs.getString("location_name"), CatalogEdits.local(CatalogEdits.instant(rs, "starts_at")),
                CatalogEdits.local(CatalogEdits.instant(rs, "ends_at")), rs.getInt("capacity"), rs.getInt("booked_count"),
                rs.getString("status"), rs.getObject("rule_id", UUID.class), rs.getLong("version"))).optional()
                .orElseThrow(() -> ApiException.notFound("Class session"));
    }

    /** The rule a request describes, after the checks that span fields and rows. */
    private ClassSchedule.Rule check(UUID id, RuleRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate from = date("from", request.from(), problems);
        LocalDate until = request.until() == null ? null : date("until", request.until(), problems);
        if (from != null && until != null && until.isBefore(from)) {
            problems.add(new FieldProblem("until", "must not be before from"));
        }
        String kind = jdbc.sql("SELECT kind FROM " + schema() + ".services WHERE id = ? AND active").param(request.serviceId())
                .query(String.class).optional().orElse(null);
        if (kind == null) {
            problems.add(new FieldProblem("serviceId", "is not an active service of this studio"));
        } else if (!"CLASS".equals(kind)) {
            problems.add(new FieldProblem("serviceId", "must be a class; appointments are booked from working hours"));
        }
        if (!exists("staff", request.staffId())) {
            problems.add(new FieldProblem("staffId", "is not an active staff member of this studio"));
        }
        if (!exists("locations", request.locationId())) {
            problems.add(new FieldProblem("locationId", "is not an active location of this studio"));
        }
        CatalogEdits.failOn(problems);
        return new ClassSchedule.Rule(id, request.serviceId(), request.staffId(), request.locationId(),
                request.weekdays().stream().distinct().sorted().toList(), LocalTime.parse(request.startTime()), from, until,
                request.capacity(), request.active() == null || request.active(), null, 0);
    }

    private boolean exists(String table, UUID id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM " + schema() + "." + table + " WHERE id = ? AND active)").param(id)
                .query(Boolean.class).single();
    }

    private ClassSchedule.Rule find(UUID id) {
        return schedule.rule(id).orElseThrow(() -> ApiException.notFound("Schedule rule"));
    }

    private static Map<String, Object> withSessions(Map<String, ?> details, ClassSchedule.Generation sessions) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("sessions", Map.of("created", sessions.created(), "updated", sessions.updated(), "removed", sessions.removed(),
                "keptWithBookings", sessions.keptWithBookings()));
        return all;
    }

    private static void filter(StringBuilder sql, List<Object> params, String column, @Nullable Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static @Nullable LocalDate date(String field, String value, List<FieldProblem> problems) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, CatalogEdits.DATE_MESSAGE));
            return null;
        }
    }

    /** An instant with an offset, or a date meaning its start in the studio's time zone. */
    private static @Nullable OffsetDateTime time(String field, @Nullable String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.matches(CatalogEdits.DATE)) {
                return LocalDate.parse(value).atStartOfDay(CatalogEdits.studioZone()).toOffsetDateTime();
            }
            return OffsetDateTime.parse(value);
        } catch (DateTimeException e) {
            problems.add(new FieldProblem(field, "must be a date such as 2026-12-01 or a time with offset such as 2026-12-01T18:00:00+04:00"));
            return null;
        }
    }

    private static String hhmm(LocalTime time) {
        return "%02d:%02d".formatted(time.getHour(), time.getMinute());
    }
}
