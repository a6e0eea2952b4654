package dev.portico.catalog;

import static dev.portico.catalog.CatalogEdits.schema;

import dev.portico.security.AdminRole;
import dev.portico.audit.AuditLog;
import dev.portico.web.ApiException;
import dev.portico.web.ApiException.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The studio's instructors and therapists, their weekly working hours and their time off. Owners change them,
 * staff read them. Working hours are replaced as a whole weekly set, guarded by the staff member's version.
 */
@RestController
@RequestMapping("/api/admin/staff")
class AdminStaffController {

    private static final String COLUMNS =
            "id, first_name, last_name, display_name, email, bio, photo_url, active, version, created_at AS page_at, id AS page_id";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    AdminStaffController(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    record StaffView(UUID id, String firstName, String lastName, String displayName, @Nullable String email, @Nullable String bio,
            @Nullable String photoUrl, boolean active, long version) {

        Map<String, @Nullable Object> fields() {
            return CatalogEdits.fields("firstName", firstName, "lastName", lastName, "displayName", displayName, "email", email,
                    "bio", bio, "photoUrl", photoUrl, "active", active);
        }
    }

    /**
     * A staff member as created or replaced.
     *
     * @param displayName what customers see; first and last name when not given
     * @param version     the version read, required when replacing
     */
    record StaffRequest(@NotBlank @Size(max = 100) String firstName, @Nullable @Size(max = 100) String lastName,
            @Nullable @Size(max = 200) String displayName, @Nullable @Email @Size(max = 254) String email,
            @Nullable @Size(max = 2000) String bio,
            @Nullable @Size(max = 1000) @Pattern(regexp = "^(https://|/).*", message = "must be an https:// URL or a path") String photoUrl,
            @Nullable Boolean active, @Nullable Long version) {}

    /** One weekly block: ISO weekday (1 = Monday), local start and end, and where. */
    record Hours(@NotNull @Min(1) @Max(7) Integer weekday,
            @NotNull @Pattern(regexp = CatalogEdits.TIME, message = CatalogEdits.TIME_MESSAGE) String start,
            @NotNull @Pattern(regexp = CatalogEdits.TIME, message = CatalogEdits.TIME_MESSAGE) String end,
            @NotNull UUID locationId) {

        @Override
        public String toString() {
            return DayOfWeek.of(weekday).getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + start + "-" + end + " @ " + locationId;
        }
    }

    record WorkingHoursView(List<Hours> items, long version) {}

    /** The whole weekly set, replacing the current one; {@code version} is the staff member's. */
    record WorkingHoursRequest(@NotNull @Size(max = 70) List<@NotNull @Valid Hours> hours, @Nullable Long version) {}

    record TimeOffView(UUID id, OffsetDateTime startsAt, OffsetDateTime endsAt, @Nullable String reason) {}

    record TimeOffRequest(@NotNull OffsetDateTime startsAt, @NotNull OffsetDateTime endsAt, @Nullable @Size(max = 500) String reason) {}

    @GetMapping
    CatalogEdits.Page<StaffView> list(@AuthenticationPrincipal Jwt admin, @RequestParam(required = false) @Nullable Boolean active,
            @RequestParam(defaultValue = "" + CatalogEdits.DEFAULT_LIMIT) int limit, @RequestParam(required = false) @Nullable String cursor) {
        AdminRole.requireStaff(admin);
        return CatalogEdits.pageByActive(jdbc, schema() + ".staff", COLUMNS, active, limit, cursor, (rs, n) -> view(rs));
    }

    @GetMapping("/{id}")
    StaffView get(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id) {
        AdminRole.requireStaff(admin);
        return find(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    StaffView create(@AuthenticationPrincipal Jwt admin, @Valid @RequestBody StaffRequest request) {
        AdminRole.requireOwner(admin, "change staff");
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO " + schema() + ".staff (id, first_name, last_name, display_name, email, bio, photo_url, active) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, request.firstName().strip(), CatalogEdits.trimmed(request.lastName()), displayName(request),
                        email(request.email()), CatalogEdits.blankToNull(request.bio()), CatalogEdits.blankToNull(request.photoUrl()),
                        request.active() == null || request.active())
                .update();
        StaffView created = find(id);
        audit.record(CatalogEdits.actor(admin), "staff.created", null, "staff", id.toString(), created.fields());
        return created;
    }

    @PutMapping("/{id}")
    @Transactional
    StaffView update(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id, @Valid @RequestBody StaffRequest request) {
        AdminRole.requireOwner(admin, "change staff");
        long version = CatalogEdits.requireVersion(request.version());
        StaffView before = find(id);
        int updated = jdbc.sql("UPDATE " + schema() + ".staff SET first_name = ?, last_name = ?, display_name = ?, email = ?, bio = ?, "
                        + "photo_url = ?, active = ?, updated_at = now(), version = version + 1 WHERE id = ? AND version = ?")
                .params(request.firstName().strip(), CatalogEdits.trimmed(request.lastName()), displayName(request),
                        email(request.email()), CatalogEdits.blankToNull(request.bio()), CatalogEdits.blankToNull(request.photoUrl()),
                        request.active() == null || request.active(), id, version)
                .update();
        if (updated == 0) {
            throw CatalogEdits.versionConflict("staff member");
        }
        StaffView after = find(id);
        audit.record(CatalogEdits.actor(admin), "staff.updated", null, "staff", id.toString(),
                CatalogEdits.diff(before.fields(), after.fields()));
        return after;
    }

    /** Takes a staff member off new bookings and new sessions; their history and scheduled sessions stay. */
    @PostMapping("/{id}/deactivate")
    @Transactional
    StaffView deactivate(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id) {
        AdminRole.requireOwner(admin, "change staff");
        StaffView before = find(id);
        if (before.active()) {
            jdbc.sql("UPDATE " + schema() + ".staff SET active = false, updated_at = now(), version = version + 1 WHERE id = ?")
                    .param(id).update();
            audit.record(CatalogEdits.actor(admin), "staff.deactivated", null, "staff", id.toString(),
                    CatalogEdits.diff(before.fields(), find(id).fields()));
        }
        return find(id);
    }

    @GetMapping("/{id}/working-hours")
    WorkingHoursView workingHours(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id) {
        AdminRole.requireStaff(admin);
        return new WorkingHoursView(hours(id), find(id).version());
    }

    @PutMapping("/{id}/working-hours")
    @Transactional
    WorkingHoursView replaceWorkingHours(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id,
            @Valid @RequestBody WorkingHoursRequest request) {
        AdminRole.requireOwner(admin, "change working hours");
        long version = CatalogEdits.requireVersion(request.version());
        find(id);
        checkHours(request.hours());
        if (jdbc.sql("UPDATE " + schema() + ".staff SET updated_at = now(), version = version + 1 WHERE id = ? AND version = ?")
                .params(id, version).update() == 0) {
            throw CatalogEdits.versionConflict("staff member");
        }
        List<Hours> before = hours(id);
        jdbc.sql("DELETE FROM " + schema() + ".staff_working_hours WHERE staff_id = ?").param(id).update();
        LocalDate today = clock.instant().atZone(CatalogEdits.studioZone()).toLocalDate();
        for (Hours block : request.hours()) {
            jdbc.sql("INSERT INTO " + schema() + ".staff_working_hours (staff_id, location_id, day_of_week, start_time, end_time, valid_from) "
                            + "VALUES (?, ?, ?, ?, ?, ?)")
                    .params(id, block.locationId(), block.weekday(), Time.valueOf(LocalTime.parse(block.start())),
                            Time.valueOf(LocalTime.parse(block.end())), java.sql.Date.valueOf(today))
                    .update();
        }
        List<Hours> after = hours(id);
        audit.record(CatalogEdits.actor(admin), "staff.working_hours_changed", null, "staff", id.toString(),
                Map.of("workingHours", Map.of("from", before.stream().map(Hours::toString).toList(),
                        "to", after.stream().map(Hours::toString).toList())));
        return new WorkingHoursView(after, find(id).version());
    }

    @GetMapping("/{id}/time-off")
    CatalogEdits.Page<TimeOffView> timeOff(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id,
            @RequestParam(required = false) @Nullable OffsetDateTime from,
            @RequestParam(defaultValue = "" + CatalogEdits.DEFAULT_LIMIT) int limit, @RequestParam(required = false) @Nullable String cursor) {
        AdminRole.requireStaff(admin);
        List<FieldProblem> problems = new ArrayList<>();
        CatalogEdits.checkLimit(limit, problems);
        CatalogEdits.Cursor after = CatalogEdits.cursor(cursor, problems);
        CatalogEdits.failOn(problems);
        find(id);
        List<Object> params = new ArrayList<>();
        params.add(id);
        String sql = "SELECT id, starts_at, ends_at, reason, starts_at AS page_at, id AS page_id FROM " + schema()
                + ".staff_time_off WHERE staff_id = ?";
        if (from != null) {
            sql += " AND ends_at > ?";
            params.add(from);
        }
        return CatalogEdits.page(jdbc, sql, params, "starts_at", "id", after, limit, (rs, n) -> timeOff(rs));
    }

    @PostMapping("/{id}/time-off")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    TimeOffView addTimeOff(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id, @Valid @RequestBody TimeOffRequest request) {
        AdminRole.requireOwner(admin, "change time off");
        find(id);
        if (!request.endsAt().isAfter(request.startsAt())) {
            throw ApiException.validation(List.of(new FieldProblem("endsAt", "must be after startsAt")));
        }
        if (Duration.between(request.startsAt(), request.endsAt()).toDays() > 366) {
            throw ApiException.validation(List.of(new FieldProblem("endsAt", "must be at most a year after startsAt")));
        }
        UUID timeOffId = UUID.randomUUID();
        jdbc.sql("INSERT INTO " + schema() + ".staff_time_off (id, staff_id, starts_at, ends_at, reason) VALUES (?, ?, ?, ?, ?)")
                .params(timeOffId, id, Timestamp.from(request.startsAt().toInstant()), Timestamp.from(request.endsAt().toInstant()),
                        CatalogEdits.blankToNull(request.reason()))
                .update();
        TimeOffView added = findTimeOff(id, timeOffId);
        audit.record(CatalogEdits.actor(admin), "staff.time_off_added", null, "staff", id.toString(),
                CatalogEdits.fields("timeOffId", timeOffId.toString(), "startsAt", added.startsAt().toString(),
                        "endsAt", added.endsAt().toString(), "reason", added.reason()));
        return added;
    }

    @DeleteMapping("/{id}/time-off/{timeOffId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void removeTimeOff(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id, @PathVariable UUID timeOffId) {
        AdminRole.requireOwner(admin, "change time off");
        TimeOffView removed = findTimeOff(id, timeOffId);
        jdbc.sql("DELETE FROM " + schema() + ".staff_time_off WHERE id = ? AND staff_id = ?").params(timeOffId, id).update();
        audit.record(CatalogEdits.actor(admin), "staff.time_off_removed", null, "staff", id.toString(),
                CatalogEdits.fields("timeOffId", timeOffId.toString(), "startsAt", removed.startsAt().toString(),
                        "endsAt", removed.endsAt().toString(), "reason", removed.reason()));
    }

    /** End after start, no two blocks of one weekday overlapping, and only this studio's active locations. */
    private void checkHours(List<Hours> hours) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<UUID> locations = new HashSet<>(jdbc.sql("SELECT id FROM " + schema() + ".locations WHERE active").query(UUID.class).list());
        for (int i = 0; i < hours.size(); i++) {
            Hours block = hours.get(i);
            if (!LocalTime.parse(block.end()).isAfter(LocalTime.parse(block.start()))) {
                problems.add(new FieldProblem("hours[" + i + "].end", "must be after start"));
                continue;
            }
            if (!locations.contains(block.locationId())) {
                problems.add(new FieldProblem("hours[" + i + "].locationId", "is not an active location of this studio"));
            }
            for (int j = 0; j < i; j++) {
                Hours other = hours.get(j);
                if (other.weekday().equals(block.weekday()) && LocalTime.parse(other.end()).isAfter(LocalTime.parse(other.start()))
                        && LocalTime.parse(block.start()).isBefore(LocalTime.parse(other.end()))
                        && LocalTime.parse(other.start()).isBefore(LocalTime.parse(block.end()))) {
                    problems.add(new FieldProblem("hours[" + i + "]", "overlaps hours[" + j + "] on the same day"));
                }
            }
        }
        CatalogEdits.failOn(problems);
    }

    private List<Hours> hours(UUID staffId) {
        LocalDate today = clock.instant().atZone(CatalogEdits.studioZone()).toLocalDate();
        return jdbc.sql("SELECT day_of_week, start_time, end_time, location_id FROM " + schema()
                        + ".staff_working_hours WHERE staff_id = ? AND (valid_until IS NULL OR valid_until >= ?)")
                .params(staffId, java.sql.Date.valueOf(today))
                .query((rs, n) -> new Hours(rs.getInt(1), hhmm(rs.getTime(2)), hhmm(rs.getTime(3)), rs.getObject(4, UUID.class)))
                .list().stream().sorted(Comparator.comparing(Hours::weekday).thenComparing(Hours::start)).toList();
    }

    private static String hhmm(Time time) {
        LocalTime local = time.toLocalTime();
        return "%02d:%02d".formatted(local.getHour(), local.getMinute());
    }

    private StaffView find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + schema() + ".staff WHERE id = ?").param(id)
                .query((rs, n) -> view(rs)).optional().orElseThrow(() -> ApiException.notFound("Staff member"));
    }

    private TimeOffView findTimeOff(UUID staffId, UUID timeOffId) {
        return jdbc.sql("SELECT id, starts_at, ends_at, reason FROM " + schema() + ".staff_time_off WHERE id = ? AND staff_id = ?")
                .params(timeOffId, staffId).query((rs, n) -> timeOff(rs)).optional()
                .orElseThrow(() -> ApiException.notFound("Time off"));
    }

    private static StaffView view(ResultSet rs) throws SQLException {
        return new StaffView(rs.getObject("id", UUID.class), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("display_name"), rs.getString("email"), rs.getString("bio"), rs.getString("photo_url"),
                rs.getBoolean("active"), rs.getLong("version"));
    }

    private static TimeOffView timeOff(ResultSet rs) throws SQLException {
        return new TimeOffView(rs.getObject("id", UUID.class), CatalogEdits.local(CatalogEdits.instant(rs, "starts_at")),
                CatalogEdits.local(CatalogEdits.instant(rs, "ends_at")), rs.getString("reason"));
    }

    private static String displayName(StaffRequest request) {
        String given = CatalogEdits.blankToNull(request.displayName());
        return given != null ? given : (request.firstName().strip() + " " + CatalogEdits.trimmed(request.lastName())).strip();
    }

    private static @Nullable String email(@Nullable String email) {
        String value = CatalogEdits.blankToNull(email);
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
