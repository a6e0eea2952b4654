package dev.portico.credits;

import dev.portico.security.AdminRole;
import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import dev.portico.web.ApiException.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's packages for the studio's owner and front desk: every package with its ledger, granting one,
 * adjusting credits with a reason, and extending an expiry. Each change writes the ledger (when credits move) and
 * an audit row; a balance always equals the sum of its ledger.
 */
@RestController
class CustomerPackagesAdminController {

    private final JdbcClient jdbc;
    private final CreditLedger ledger;
    private final AuditLog audit;
    private final Clock clock;

    CustomerPackagesAdminController(JdbcClient jdbc, CreditLedger ledger, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    record LedgerEntry(long id, OffsetDateTime at, int delta, String reason, @Nullable String note, String actor,
            @Nullable UUID appointmentId) {}

    record PackageView(UUID id, @Nullable UUID packageProductId, String name, int creditsTotal, int creditsRemaining,
            OffsetDateTime purchasedAt, OffsetDateTime expiresAt, String status, long version, List<LedgerEntry> ledger) {}

    record Items<T>(List<T> items) {}

    /** Credits and expiry default to the product's. */
    record Grant(@NotNull UUID packageProductId, @Nullable @Min(1) @Max(1000) Integer credits, @Nullable OffsetDateTime expiresAt,
            @NotBlank @Size(max = 1000) String reason) {}

    record Adjustment(@NotNull @Min(-1000) @Max(1000) Integer delta, @NotBlank @Size(max = 1000) String reason) {}

    record Extension(@NotNull OffsetDateTime expiresAt, @NotBlank @Size(max = 1000) String reason) {}

    @GetMapping("/api/admin/customers/{customerId}/packages")
    @Transactional(readOnly = true)
    Items<PackageView> list(@AuthenticationPrincipal Jwt admin, @PathVariable UUID customerId) {
        AdminRole.requireStaff(admin);
        customerStatus(customerId);
        return new Items<>(packages(customerId, null));
    }

    @PostMapping("/api/admin/customers/{customerId}/packages")
    @Transactional
    ResponseEntity<PackageView> grant(@AuthenticationPrincipal Jwt admin, @PathVariable UUID customerId,
            @Valid @RequestBody Grant grant) {
        AdminRole.requireStaff(admin);
        if ("MERGED".equals(customerStatus(customerId))) {
            throw new ApiException(HttpStatus.CONFLICT, "CUSTOMER_MERGED", "Customer merged",
                    "This customer was merged into another record; grant the package there.");
        }
        Instant now = clock.instant();
        if (grant.expiresAt() != null && !grant.expiresAt().toInstant().isAfter(now)) {
            throw ApiException.validation(List.of(new FieldProblem("expiresAt", "must be in the future")));
        }
        record Product(int credits, int validityDays) {}
        Product product = jdbc.sql("SELECT credits, validity_days FROM " + schema() + ".package_products WHERE id = ?")
                .param(grant.packageProductId())
                .query((rs, n) -> new Product(rs.getInt(1), rs.getInt(2))).optional()
                .orElseThrow(() -> ApiException.notFound("Package product"));
        int credits = grant.credits() == null ? product.credits() : grant.credits();
        Instant expiresAt = grant.expiresAt() == null ? now.plus(product.validityDays(), ChronoUnit.DAYS) : grant.expiresAt().toInstant();
        UUID packageId = ledger.grant(customerId, grant.packageProductId(), credits, expiresAt, grant.reason().strip(), actorId(admin));
        audit.record(actor(admin), "credits.granted", customerId, "customer_package", packageId.toString(),
                Map.of("packageProductId", grant.packageProductId().toString(), "credits", credits,
                        "expiresAt", expiresAt.toString(), "reason", grant.reason().strip()));
        return ResponseEntity.status(HttpStatus.CREATED).body(packages(customerId, packageId).getFirst());
    }

    @PostMapping("/api/admin/customers/{customerId}/packages/{packageId}/adjust")
    @Transactional
    PackageView adjust(@AuthenticationPrincipal Jwt admin, @PathVariable UUID customerId, @PathVariable UUID packageId,
            @Valid @RequestBody Adjustment adjustment) {
        AdminRole.requireStaff(admin);
        if (adjustment.delta() == 0) {
            throw ApiException.validation(List.of(new FieldProblem("delta", "must not be zero")));
        }
        customerStatus(customerId);
        int remaining = ledger.adjust(packageId, customerId, adjustment.delta(), adjustment.reason().strip(), actorId(admin));
        audit.record(actor(admin), "credits.adjusted", customerId, "customer_package", packageId.toString(),
                Map.of("delta", adjustment.delta(), "reason", adjustment.reason().strip(),
                        "creditsRemaining", Map.of("old", remaining - adjustment.delta(), "new", remaining)));
        return packages(customerId, packageId).getFirst();
    }

    /** Sets a new expiry in the future (usually later); an expired package with credits left is usable again. */
    @PostMapping("/api/admin/customers/{customerId}/packages/{packageId}/extend")
    @Transactional
    PackageView extend(@AuthenticationPrincipal Jwt admin, @PathVariable UUID customerId, @PathVariable UUID packageId,
            @Valid @RequestBody Extension extension) {
        AdminRole.requireStaff(admin);
        Instant now = clock.instant();
        Instant wanted = extension.expiresAt().toInstant();
        if (!wanted.isAfter(now)) {
            throw ApiException.validation(List.of(new FieldProblem("expiresAt", "must be in the future")));
        }
        customerStatus(customerId);
        record Held(Instant expiresAt, String status, int remaining) {}
        Held held = jdbc.sql("SELECT expires_at, status, credits_remaining FROM " + schema()
                        + ".customer_packages WHERE id = ? AND customer_id = ? FOR UPDATE")
                .params(packageId, customerId)
                .query((rs, n) -> new Held(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getInt(3))).optional()
                .orElseThrow(() -> ApiException.notFound("Package"));
        if ("CANCELLED".equals(held.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "PACKAGE_CANCELLED", "Package cancelled", "This package was cancelled; it cannot be extended.");
        }
        String status = "EXPIRED".equals(held.status()) ? (held.remaining() > 0 ? "ACTIVE" : "EXHAUSTED") : held.status();
        jdbc.sql("UPDATE " + schema() + ".customer_packages SET expires_at = ?, status = ?, updated_at = ?, version = version + 1 WHERE id = ?")
                .params(Timestamp.from(wanted), status, Timestamp.from(now), packageId).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", extension.reason().strip());
        details.put("expiresAt", Map.of("old", held.expiresAt().toString(), "new", wanted.toString()));
        if (!status.equals(held.status())) {
            details.put("status", Map.of("old", held.status(), "new", status));
        }
        audit.record(actor(admin), "credits.expiry_extended", customerId, "customer_package", packageId.toString(), details);
        return packages(customerId, packageId).getFirst();
    }

    /** 404 unless the customer is the current studio's; their status otherwise. */
    private String customerStatus(UUID customerId) {
        return jdbc.sql("SELECT status FROM " + schema() + ".customers WHERE id = ?").param(customerId)
                .query(String.class).optional()
                .orElseThrow(() -> ApiException.notFound("Customer"));
    }

    /** The customer's packages (or the one package), newest expiry first, each with its ledger oldest first. */
    private List<PackageView> packages(UUID customerId, @Nullable UUID only) {
        Tenant tenant = TenantContext.require();
        ZoneId zone = ZoneId.of(tenant.config().timezone());
        Instant now = clock.instant();
        Map<UUID, List<LedgerEntry>> entries = new LinkedHashMap<>();
        jdbc.sql("SELECT customer_package_id, id, at, delta, reason, note, actor, appointment_id FROM " + tenant.schemaName()
                        + ".credit_ledger WHERE customer_id = ? AND (cast(? AS uuid) IS NULL OR customer_package_id = ?) ORDER BY at, id")
                .params(customerId, only, only)
                .query((rs, n) -> entries.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new LedgerEntry(
                        rs.getLong(2), rs.getTimestamp(3).toInstant().atZone(zone).toOffsetDateTime(), rs.getInt(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getObject(8, UUID.class))))
                .list();
        return jdbc.sql("SELECT id, package_product_id, name, credits_total, credits_remaining, purchased_at, expires_at, status, version FROM "
                        + tenant.schemaName() + ".customer_packages WHERE customer_id = ? AND (cast(? AS uuid) IS NULL OR id = ?) "
                        + "ORDER BY expires_at DESC, id")
                .params(customerId, only, only)
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    Instant expiresAt = rs.getTimestamp(7).toInstant();
                    String status = rs.getString(8);
                    return new PackageView(id, rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4), rs.getInt(5),
                            rs.getTimestamp(6).toInstant().atZone(zone).toOffsetDateTime(), expiresAt.atZone(zone).toOffsetDateTime(),
                            "ACTIVE".equals(status) && !expiresAt.isAfter(now) ? "EXPIRED" : status, rs.getLong(9),
                            entries.getOrDefault(id, List.of()));
                })
                .list();
    }

    private static Actor actor(Jwt admin) {
        return Actor.admin(admin.getSubject());
    }

    /** As the ledger's {@code actor} column spells it. */
    private static String actorId(Jwt admin) {
        return "admin:" + admin.getSubject();
    }

    private static String schema() {
        return TenantContext.require().schemaName();
    }
}
