package dev.portico.catalog;

import static dev.portico.catalog.CatalogEdits.schema;

import dev.portico.security.AdminRole;
import dev.portico.audit.AuditLog;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import dev.portico.web.ApiException.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The studio's locations for its admins: owners change them, staff read them. Never deleted, only deactivated. */
@RestController
@RequestMapping("/api/admin/locations")
class AdminLocationsController {

    private static final String COLUMNS = "id, name, address, timezone, active, version, created_at AS page_at, id AS page_id";

    private final JdbcClient jdbc;
    private final AuditLog audit;

    AdminLocationsController(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    record LocationView(UUID id, String name, @Nullable String address, String timezone, boolean active, long version) {

        Map<String, @Nullable Object> fields() {
            return CatalogEdits.fields("name", name, "address", address, "timezone", timezone, "active", active);
        }
    }

    /**
     * A location as created or replaced.
     *
     * @param timezone an IANA zone; the studio's when not given
     * @param active   true when not given
     * @param version  the version read, required when replacing
     */
    record LocationRequest(@NotBlank @Size(max = 200) String name, @Nullable @Size(max = 500) String address,
            @Nullable @Size(max = 64) String timezone, @Nullable Boolean active, @Nullable Long version) {}

    @GetMapping
    CatalogEdits.Page<LocationView> list(@AuthenticationPrincipal Jwt admin, @RequestParam(required = false) @Nullable Boolean active,
            @RequestParam(defaultValue = "" + CatalogEdits.DEFAULT_LIMIT) int limit, @RequestParam(required = false) @Nullable String cursor) {
        AdminRole.requireStaff(admin);
        return CatalogEdits.pageByActive(jdbc, schema() + ".locations", COLUMNS, active, limit, cursor, (rs, n) -> view(rs));
    }

    @GetMapping("/{id}")
    LocationView get(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id) {
        AdminRole.requireStaff(admin);
        return find(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    LocationView create(@AuthenticationPrincipal Jwt admin, @Valid @RequestBody LocationRequest request) {
        AdminRole.requireOwner(admin, "change locations");
        String timezone = timezone(request.timezone());
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO " + schema() + ".locations (id, name, address, timezone, active) VALUES (?, ?, ?, ?, ?)")
                .params(id, request.name().strip(), CatalogEdits.blankToNull(request.address()), timezone,
                        request.active() == null || request.active())
                .update();
        LocationView created = find(id);
        audit.record(CatalogEdits.actor(admin), "location.created", null, "location", id.toString(), created.fields());
        return created;
    }

    @PutMapping("/{id}")
    @Transactional
    LocationView update(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id, @Valid @RequestBody LocationRequest request) {
        AdminRole.requireOwner(admin, "change locations");
        long version = CatalogEdits.requireVersion(request.version());
        String timezone = timezone(request.timezone());
        LocationView before = find(id);
        int updated = jdbc.sql("UPDATE " + schema() + ".locations SET name = ?, address = ?, timezone = ?, active = ?, "
                        + "updated_at = now(), version = version + 1 WHERE id = ? AND version = ?")
                .params(request.name().strip(), CatalogEdits.blankToNull(request.address()), timezone,
                        request.active() == null || request.active(), id, version)
                .update();
        if (updated == 0) {
            throw CatalogEdits.versionConflict("location");
        }
        LocationView after = find(id);
        audit.record(CatalogEdits.actor(admin), "location.updated", null, "location", id.toString(),
                CatalogEdits.diff(before.fields(), after.fields()));
        return after;
    }

    /** Stops new sessions and appointments being placed here; what is already scheduled stays. */
    @PostMapping("/{id}/deactivate")
    @Transactional
    LocationView deactivate(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id) {
        AdminRole.requireOwner(admin, "change locations");
        LocationView before = find(id);
        if (before.active()) {
            jdbc.sql("UPDATE " + schema() + ".locations SET active = false, updated_at = now(), version = version + 1 WHERE id = ?")
                    .param(id).update();
            audit.record(CatalogEdits.actor(admin), "location.deactivated", null, "location", id.toString(),
                    CatalogEdits.diff(before.fields(), find(id).fields()));
        }
        return find(id);
    }

    private LocationView find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + schema() + ".locations WHERE id = ?").param(id)
                .query((rs, n) -> view(rs)).optional().orElseThrow(() -> ApiException.notFound("Location"));
    }

    private static LocationView view(ResultSet rs) throws SQLException {
        return new LocationView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("address"),
                rs.getString("timezone"), rs.getBoolean("active"), rs.getLong("version"));
    }

    private static String timezone(@Nullable String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return TenantContext.require().config().timezone();
        }
        try {
            String id = ZoneId.of(timezone.strip()).getId();
            if (id.matches("^[A-Za-z][A-Za-z0-9_+/-]{0,63}$")) {
                return id;
            }
        } catch (DateTimeException e) {
            // answered below
        }
        throw ApiException.validation(List.of(new FieldProblem("timezone", "must be a time zone such as Europe/London")));
    }
}
