package dev.portico.credits;

import dev.portico.security.AdminRole;
import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import dev.portico.web.ApiException.FieldProblem;
import dev.portico.web.KeysetCursor;
import dev.portico.web.PageCursor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The packages a studio sells (a number of credits, valid for some days, for a price, for some services). Staff may
 * read them (front desk grants them to customers); only the owner changes them. Packages customers already hold copied
 * what they needed at purchase, so a change here never alters them.
 */
@RestController
class PackageProductsAdminController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    PackageProductsAdminController(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param serviceIds the services its credits pay for; empty: every class
     * @param onSale     offered to customers in the portal
     */
    record PackageProduct(UUID id, String name, @Nullable String description, int credits, int validityDays, long priceMinor,
            String currency, List<UUID> serviceIds, boolean onSale, long version) {}

    record Page(List<PackageProduct> items, @Nullable String nextCursor) {}

    /** A new product, or (with {@code version}) the whole product as GET answers it. */
    record ProductForm(
            @NotBlank @Size(max = 200) String name,
            @Nullable @Size(max = 2000) String description,
            @NotNull @Min(1) @Max(1000) Integer credits,
            @NotNull @Min(1) @Max(3650) Integer validityDays,
            @NotNull @Min(0) @Max(100_000_000) Long priceMinor,
            @Nullable @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO-4217 code such as AED") String currency,
            @Nullable @Size(max = 100) List<@NotNull UUID> serviceIds,
            @Nullable Boolean onSale,
            @Nullable Long version) {}

    @GetMapping("/api/admin/package-products")
    @Transactional(readOnly = true)
    Page list(@AuthenticationPrincipal Jwt admin,
            @RequestParam(required = false) @Nullable Boolean onSale,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        AdminRole.requireStaff(admin);
        List<FieldProblem> problems = new ArrayList<>();
        if (limit < 1 || limit > MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "must be between 1 and " + MAX_LIMIT));
        }
        KeysetCursor after = null;
        try {
            after = KeysetCursor.decode(cursor, 2).orElse(null);
            if (after != null) {
                UUID.fromString(after.key(1));
            }
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("cursor", PageCursor.NOT_OURS));
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        StringBuilder sql = new StringBuilder(SELECT + schema() + ".package_products WHERE true");
        List<Object> params = new ArrayList<>();
        if (onSale != null) {
            sql.append(" AND active = ?");
            params.add(onSale);
        }
        if (after != null) {
            sql.append(" AND (lower(name), id) > (?, cast(? AS uuid))");
            params.addAll(List.of(after.key(0), after.key(1)));
        }
        sql.append(" ORDER BY lower(name), id LIMIT ?");
        params.add(limit + 1);
        List<PackageProduct> rows = jdbc.sql(sql.toString()).params(params).query(PackageProductsAdminController::product).list();
        List<PackageProduct> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit
                ? KeysetCursor.of(page.getLast().name().toLowerCase(Locale.ROOT), page.getLast().id().toString()).encode()
                : null;
        return new Page(page, next);
    }

    @GetMapping("/api/admin/package-products/{id}")
    @Transactional(readOnly = true)
    PackageProduct get(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id) {
        AdminRole.requireStaff(admin);
        return load(id, false);
    }

    @PostMapping("/api/admin/package-products")
    @Transactional
    ResponseEntity<PackageProduct> create(@AuthenticationPrincipal Jwt admin, @Valid @RequestBody ProductForm form) {
        AdminRole.requireOwner(admin, "change the packages the studio sells");
        List<UUID> services = services(form.serviceIds());
        String currency = form.currency() == null ? TenantContext.require().config().currency() : form.currency();
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("INSERT INTO " + schema() + """
                .package_products (id, name, description, credits, price_minor, currency, validity_days, service_ids, active,
                                   created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(id, form.name().strip(), form.description(), form.credits(), form.priceMinor(), currency,
                form.validityDays(), services.toArray(UUID[]::new), form.onSale() == null || form.onSale(), now, now).update();
        PackageProduct created = load(id, false);
        audit.record(Actor.admin(admin.getSubject()), "package_product.created", null, "package_product", id.toString(), fields(created));
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @PutMapping("/api/admin/package-products/{id}")
    @Transactional
    PackageProduct update(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id, @Valid @RequestBody ProductForm form) {
        AdminRole.requireOwner(admin, "change the packages the studio sells");
        if (form.version() == null) {
            throw ApiException.validation(List.of(new FieldProblem("version", "is required: send the version you read")));
        }
        PackageProduct current = load(id, true);
        if (current.version() != form.version()) {
            throw versionConflict();
        }
        List<UUID> services = services(form.serviceIds());
        PackageProduct wanted = new PackageProduct(id, form.name().strip(), form.description(), form.credits(), form.validityDays(),
                form.priceMinor(), form.currency() == null ? current.currency() : form.currency(), services,
                form.onSale() == null ? current.onSale() : form.onSale(), current.version() + 1);
        Map<String, Map<String, @Nullable Object>> changes = diff(fields(current), fields(wanted));
        if (changes.isEmpty()) {
            return current;
        }
        int updated = jdbc.sql("UPDATE " + schema() + """
                .package_products SET name = ?, description = ?, credits = ?, price_minor = ?, currency = ?, validity_days = ?,
                                      service_ids = ?, active = ?, updated_at = ?, version = version + 1
                 WHERE id = ? AND version = ?
                """).params(wanted.name(), wanted.description(), wanted.credits(), wanted.priceMinor(), wanted.currency(),
                wanted.validityDays(), services.toArray(UUID[]::new), wanted.onSale(), Timestamp.from(clock.instant()), id,
                current.version()).update();
        if (updated == 0) {
            throw versionConflict();
        }
        audit.record(Actor.admin(admin.getSubject()), "package_product.updated", null, "package_product", id.toString(), changes);
        return load(id, false);
    }

    /** Takes the product off sale; customers who hold it keep their packages. */
    @PostMapping("/api/admin/package-products/{id}/deactivate")
    @Transactional
    PackageProduct deactivate(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id) {
        AdminRole.requireOwner(admin, "change the packages the studio sells");
        PackageProduct current = load(id, true);
        if (current.onSale()) {
            jdbc.sql("UPDATE " + schema() + ".package_products SET active = false, updated_at = ?, version = version + 1 WHERE id = ?")
                    .params(Timestamp.from(clock.instant()), id).update();
            audit.record(Actor.admin(admin.getSubject()), "package_product.deactivated", null, "package_product", id.toString(),
                    Map.of("onSale", Map.of("old", true, "new", false)));
        }
        return load(id, false);
    }

    private static final String SELECT =
            "SELECT id, name, description, credits, validity_days, price_minor, currency, service_ids, active, version FROM ";

    private PackageProduct load(UUID id, boolean forUpdate) {
        return jdbc.sql(SELECT + schema() + ".package_products WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))
                .param(id)
                .query(PackageProductsAdminController::product).optional()
                .orElseThrow(() -> ApiException.notFound("Package product"));
    }

    private static PackageProduct product(ResultSet rs, int n) throws SQLException {
        Array services = rs.getArray(8);
        List<UUID> serviceIds = services == null ? List.of() : Arrays.stream((Object[]) services.getArray()).map(UUID.class::cast).toList();
        return new PackageProduct(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                rs.getLong(6), rs.getString(7).trim(), serviceIds, rs.getBoolean(9), rs.getLong(10));
    }

    /** The services, once each, in the order given; 400 naming each position that is not one of the studio's. */
    private List<UUID> services(@Nullable List<UUID> serviceIds) {
        List<UUID> wanted = serviceIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(serviceIds));
        if (wanted.isEmpty()) {
            return wanted;
        }
        List<UUID> known = jdbc.sql("SELECT id FROM " + schema() + ".services WHERE id = ANY(?)")
                .param(wanted.toArray(UUID[]::new)).query(UUID.class).list();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < serviceIds.size(); i++) {
            if (!known.contains(serviceIds.get(i))) {
                problems.add(new FieldProblem("serviceIds[" + i + "]", "is not one of the studio's services"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return wanted;
    }

    private static Map<String, @Nullable Object> fields(PackageProduct product) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put("name", product.name());
        fields.put("description", product.description());
        fields.put("credits", product.credits());
        fields.put("validityDays", product.validityDays());
        fields.put("priceMinor", product.priceMinor());
        fields.put("currency", product.currency());
        fields.put("serviceIds", product.serviceIds().stream().map(UUID::toString).toList());
        fields.put("onSale", product.onSale());
        return fields;
    }

    private static Map<String, Map<String, @Nullable Object>> diff(Map<String, @Nullable Object> old, Map<String, @Nullable Object> wanted) {
        Map<String, Map<String, @Nullable Object>> changes = new LinkedHashMap<>();
        old.forEach((field, value) -> {
            if (!Objects.equals(value, wanted.get(field))) {
                Map<String, @Nullable Object> change = new LinkedHashMap<>();
                change.put("old", value);
                change.put("new", wanted.get(field));
                changes.put(field, change);
            }
        });
        return changes;
    }

    private static ApiException versionConflict() {
        return new ApiException(HttpStatus.CONFLICT, "VERSION_CONFLICT", "Version conflict",
                "This package product was changed by someone else. Reload it and try again.");
    }

    private static String schema() {
        Tenant tenant = TenantContext.require();
        return tenant.schemaName();
    }
}
