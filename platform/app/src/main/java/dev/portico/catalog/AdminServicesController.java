package dev.portico.catalog;

import static dev.portico.catalog.CatalogEdits.schema;

import dev.portico.security.AdminRole;
import dev.portico.audit.AuditLog;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import dev.portico.web.ApiException.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
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
 * The studio's services (classes and 1:1 appointments) with their booking rules, price and who gives them.
 * Owners change them, staff read them. Prices are in the studio's currency; services are deactivated, never deleted.
 */
@RestController
@RequestMapping("/api/admin/services")
class AdminServicesController {

    private static final String COLUMNS = """
            id, name, description, kind, duration_minutes, capacity, price_minor, currency, buffer_before_minutes,
            buffer_after_minutes, min_notice_minutes, max_advance_days, cancel_window_minutes, reschedule_window_minutes,
            online_bookable, pay_per_visit_allowed, color, active, version, created_at AS page_at, id AS page_id""";

    private final JdbcClient jdbc;
    private final AuditLog audit;

    AdminServicesController(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * A service.
     *
     * @param priceMinor              price per visit in minor units of {@code currency}; null when sold through packages only
     * @param cancelWindowMinutes     this service's cancel window, or null for the studio's policy
     * @param rescheduleWindowMinutes this service's reschedule window, or null for the studio's policy
     */
    record ServiceView(UUID id, String name, @Nullable String description, String kind, int durationMinutes, int capacity,
            @Nullable Long priceMinor, String currency, int bufferBeforeMinutes, int bufferAfterMinutes, int minNoticeMinutes,
            int maxAdvanceDays, @Nullable Integer cancelWindowMinutes, @Nullable Integer rescheduleWindowMinutes, boolean onlineBookable,
            boolean payPerVisitAllowed, @Nullable String color, List<UUID> staffIds, boolean active, long version) {

        Map<String, @Nullable Object> fields() {
            return CatalogEdits.fields("name", name, "description", description, "kind", kind, "durationMinutes", durationMinutes,
                    "capacity", capacity, "priceMinor", priceMinor, "currency", currency, "bufferBeforeMinutes", bufferBeforeMinutes,
                    "bufferAfterMinutes", bufferAfterMinutes, "minNoticeMinutes", minNoticeMinutes, "maxAdvanceDays", maxAdvanceDays,
                    "cancelWindowMinutes", cancelWindowMinutes, "rescheduleWindowMinutes", rescheduleWindowMinutes,
                    "onlineBookable", onlineBookable, "payPerVisitAllowed", payPerVisitAllowed, "color", color,
                    "staffIds", staffIds.stream().map(UUID::toString).sorted().toList(), "active", active);
        }
    }

    /**
     * A service as created or replaced; optional fields not sent take their defaults.
     *
     * @param capacity  places per class session; 1 (and only 1) for an appointment
     * @param currency  optional; when sent, it must be the studio's currency
     * @param version   the version read, required when replacing
     */
    record ServiceRequest(@NotBlank @Size(max = 200) String name, @Nullable @Size(max = 4000) String description,
            @NotNull @Pattern(regexp = "^(CLASS|APPOINTMENT)$", message = "must be CLASS or APPOINTMENT") String kind,
            @NotNull @Min(1) @Max(1440) Integer durationMinutes, @Nullable @Min(1) @Max(10000) Integer capacity,
            @Nullable @Min(0) Long priceMinor, @Nullable String currency,
            @Nullable @Min(0) @Max(1440) Integer bufferBeforeMinutes, @Nullable @Min(0) @Max(1440) Integer bufferAfterMinutes,
            @Nullable @Min(0) @Max(525600) Integer minNoticeMinutes, @Nullable @Min(1) @Max(3650) Integer maxAdvanceDays,
            @Nullable @Min(0) @Max(525600) Integer cancelWindowMinutes, @Nullable @Min(0) @Max(525600) Integer rescheduleWindowMinutes,
            @Nullable Boolean onlineBookable, @Nullable Boolean payPerVisitAllowed,
            @Nullable @Pattern(regexp = "^#[0-9A-Fa-f]{6}$", message = "must be a colour such as #3D8A7A") String color,
            @Nullable @Size(max = 200) List<@NotNull UUID> staffIds, @Nullable Boolean active, @Nullable Long version) {}

    @GetMapping
    CatalogEdits.Page<ServiceView> list(@AuthenticationPrincipal Jwt admin, @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable Boolean active,
            @RequestParam(defaultValue = "" + CatalogEdits.DEFAULT_LIMIT) int limit, @RequestParam(required = false) @Nullable String cursor) {
        AdminRole.requireStaff(admin);
        List<FieldProblem> problems = new ArrayList<>();
        if (kind != null && !kind.matches("^(CLASS|APPOINTMENT)$")) {
            problems.add(new FieldProblem("kind", "must be CLASS or APPOINTMENT"));
        }
        CatalogEdits.checkLimit(limit, problems);
        CatalogEdits.Cursor after = CatalogEdits.cursor(cursor, problems);
        CatalogEdits.failOn(problems);
        List<Object> params = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM " + schema() + ".services WHERE true";
        if (kind != null) {
            sql += " AND kind = ?";
            params.add(kind);
        }
        if (active != null) {
            sql += " AND active = ?";
            params.add(active);
        }
        return CatalogEdits.page(jdbc, sql, params, "created_at", "id", after, limit, (rs, n) -> view(rs));
    }

    @GetMapping("/{id}")
    ServiceView get(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id) {
        AdminRole.requireStaff(admin);
        return find(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    ServiceView create(@AuthenticationPrincipal Jwt admin, @Valid @RequestBody ServiceRequest request) {
        AdminRole.requireOwner(admin, "change services");
        Set<UUID> staff = check(request);
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO " + schema() + """
                .services (id, name, description, kind, duration_minutes, capacity, price_minor, currency, buffer_before_minutes,
                           buffer_after_minutes, min_notice_minutes, max_advance_days, cancel_window_minutes,
                           reschedule_window_minutes, online_bookable, pay_per_visit_allowed, color, active)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(values(id, request)).update();
        replaceStaff(id, staff);
        ServiceView created = find(id);
        audit.record(CatalogEdits.actor(admin), "service.created", null, "service", id.toString(), created.fields());
        return created;
    }

    @PutMapping("/{id}")
    @Transactional
    ServiceView update(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id, @Valid @RequestBody ServiceRequest request) {
        AdminRole.requireOwner(admin, "change services");
        long version = CatalogEdits.requireVersion(request.version());
        ServiceView before = find(id);
        Set<UUID> staff = check(request);
        if (!before.kind().equals(request.kind()) && used(id)) {
            throw CatalogEdits.refused("SERVICE_KIND_IN_USE", "Kind cannot change",
                    "This service already has sessions or bookings, so it cannot change between a class and an appointment. "
                            + "Create a new service instead.");
        }
        List<Object> params = new ArrayList<>(values(id, request).subList(1, 18));
        params.add(id);
        params.add(version);
        int updated = jdbc.sql("UPDATE " + schema() + """
                .services SET name = ?, description = ?, kind = ?, duration_minutes = ?, capacity = ?, price_minor = ?, currency = ?,
                              buffer_before_minutes = ?, buffer_after_minutes = ?, min_notice_minutes = ?, max_advance_days = ?,
                              cancel_window_minutes = ?, reschedule_window_minutes = ?, online_bookable = ?,
                              pay_per_visit_allowed = ?, color = ?, active = ?, updated_at = now(), version = version + 1
                 WHERE id = ? AND version = ?
                """).params(params).update();
        if (updated == 0) {
            throw CatalogEdits.versionConflict("service");
        }
        replaceStaff(id, staff);
        ServiceView after = find(id);
        audit.record(CatalogEdits.actor(admin), "service.updated", null, "service", id.toString(),
                CatalogEdits.diff(before.fields(), after.fields()));
        return after;
    }

    /** No new bookings or generated sessions; existing bookings and sessions stay. */
    @PostMapping("/{id}/deactivate")
    @Transactional
    ServiceView deactivate(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id) {
        AdminRole.requireOwner(admin, "change services");
        ServiceView before = find(id);
        if (before.active()) {
            jdbc.sql("UPDATE " + schema() + ".services SET active = false, updated_at = now(), version = version + 1 WHERE id = ?")
                    .param(id).update();
            audit.record(CatalogEdits.actor(admin), "service.deactivated", null, "service", id.toString(),
                    CatalogEdits.diff(before.fields(), find(id).fields()));
        }
        return find(id);
    }

    /** The checks that span fields; answers the staff to link. */
    private Set<UUID> check(ServiceRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        String currency = TenantContext.require().config().currency();
        if (request.currency() != null && !request.currency().equals(currency)) {
            problems.add(new FieldProblem("currency", "must be the studio's currency, " + currency));
        }
        if ("APPOINTMENT".equals(request.kind()) && request.capacity() != null && request.capacity() != 1) {
            problems.add(new FieldProblem("capacity", "must be 1 for an appointment"));
        }
        if (Boolean.TRUE.equals(request.payPerVisitAllowed()) && request.priceMinor() == null) {
            problems.add(new FieldProblem("priceMinor", "is required when payPerVisitAllowed is true"));
        }
        Set<UUID> staff = new LinkedHashSet<>(request.staffIds() == null ? List.of() : request.staffIds());
        if (!staff.isEmpty()) {
            long known = jdbc.sql("SELECT count(*) FROM " + schema() + ".staff WHERE id = ANY(?)")
                    .param(staff.toArray(UUID[]::new)).query(Long.class).single();
            if (known != staff.size()) {
                problems.add(new FieldProblem("staffIds", "names staff who are not in this studio"));
            }
        }
        CatalogEdits.failOn(problems);
        return staff;
    }

    private static List<Object> values(UUID id, ServiceRequest r) {
        List<Object> values = new ArrayList<>();
        values.add(id);
        values.add(r.name().strip());
        values.add(CatalogEdits.blankToNull(r.description()));
        values.add(r.kind());
        values.add(r.durationMinutes());
        values.add("APPOINTMENT".equals(r.kind()) ? 1 : r.capacity() == null ? 1 : r.capacity());
        values.add(r.priceMinor());
        values.add(TenantContext.require().config().currency());
        values.add(r.bufferBeforeMinutes() == null ? 0 : r.bufferBeforeMinutes());
        values.add(r.bufferAfterMinutes() == null ? 0 : r.bufferAfterMinutes());
        values.add(r.minNoticeMinutes() == null ? 0 : r.minNoticeMinutes());
        values.add(r.maxAdvanceDays() == null ? 60 : r.maxAdvanceDays());
        values.add(r.cancelWindowMinutes());
        values.add(r.rescheduleWindowMinutes());
        values.add(r.onlineBookable() == null || r.onlineBookable());
        values.add(Boolean.TRUE.equals(r.payPerVisitAllowed()));
        values.add(r.color());
        values.add(r.active() == null || r.active());
        return values;
    }

    private void replaceStaff(UUID serviceId, Set<UUID> staff) {
        jdbc.sql("DELETE FROM " + schema() + ".service_staff WHERE service_id = ?").param(serviceId).update();
        for (UUID staffId : staff) {
            jdbc.sql("INSERT INTO " + schema() + ".service_staff (service_id, staff_id) VALUES (?, ?)").params(serviceId, staffId).update();
        }
    }

    private boolean used(UUID serviceId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM " + schema() + ".class_sessions WHERE service_id = ?) OR EXISTS (SELECT 1 FROM "
                + schema() + ".appointments WHERE service_id = ?)").params(serviceId, serviceId).query(Boolean.class).single();
    }

    private ServiceView find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + schema() + ".services WHERE id = ?").param(id)
                .query((rs, n) -> view(rs)).optional().orElseThrow(() -> ApiException.notFound("Service"));
    }

    private ServiceView view(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<UUID> staff = jdbc.sql("SELECT staff_id FROM " + schema() + ".service_staff WHERE service_id = ? ORDER BY staff_id")
                .param(id).query(UUID.class).list();
        return new ServiceView(id, rs.getString("name"), rs.getString("description"), rs.getString("kind"),
                rs.getInt("duration_minutes"), rs.getInt("capacity"), (Long) rs.getObject("price_minor"), rs.getString("currency"),
                rs.getInt("buffer_before_minutes"), rs.getInt("buffer_after_minutes"), rs.getInt("min_notice_minutes"),
                rs.getInt("max_advance_days"), (Integer) rs.getObject("cancel_window_minutes"),
                (Integer) rs.getObject("reschedule_window_minutes"), rs.getBoolean("online_bookable"),
                rs.getBoolean("pay_per_visit_allowed"), rs.getString("color"), staff, rs.getBoolean("active"), rs.getLong("version"));
    }
}
