package dev.portico.credits;

import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The customer's packages with every credit movement; the balance shown is the ledger's sum. */
@RestController
class PackagesController {

    private static final Logger log = LoggerFactory.getLogger(PackagesController.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    PackagesController(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record LedgerEntry(OffsetDateTime at, int delta, String reason, @Nullable UUID appointmentId) {}

    record PackageView(UUID id, String name, int creditsTotal, int creditsRemaining, OffsetDateTime expiresAt, String status,
            List<LedgerEntry> ledger) {}

    record Items<T>(List<T> items) {}

    @GetMapping("/api/client-portal/packages")
    @Transactional(readOnly = true)
    Items<PackageView> packages(@AuthenticationPrincipal Jwt token) {
        String schema = TenantContext.require().schemaName();
        UUID customerId = UUID.fromString(token.getSubject());
        // A customer deactivated (or merged away) since their token was issued sees nothing.
        ZoneId zone = ZoneId.of(jdbc.sql("SELECT timezone FROM " + schema + ".customers WHERE id = ? AND status = 'ACTIVE'").param(customerId)
                .query(String.class).optional().orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                        "Session ended", "Your session has ended. Please log in again.")));
        Instant now = clock.instant();
        Map<UUID, List<LedgerEntry>> ledger = new LinkedHashMap<>();
        jdbc.sql("SELECT customer_package_id, at, delta, reason, appointment_id FROM " + schema
                        + ".credit_ledger WHERE customer_id = ? ORDER BY at, id")
                .param(customerId)
                .query((rs, n) -> ledger.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new LedgerEntry(
                        rs.getTimestamp(2).toInstant().atZone(zone).toOffsetDateTime(), rs.getInt(3), rs.getString(4),
                        rs.getObject(5, UUID.class))))
                .list();
        List<PackageView> packages = jdbc.sql("SELECT id, name, credits_total, credits_remaining, expires_at, status FROM " + schema
                        + ".customer_packages WHERE customer_id = ? ORDER BY expires_at DESC, id")
                .param(customerId)
                .query((rs, n) -> view(rs, zone, now, ledger.getOrDefault(rs.getObject(1, UUID.class), List.of())))
                .list();
        return new Items<>(packages);
    }

    private static PackageView view(ResultSet rs, ZoneId zone, Instant now, List<LedgerEntry> entries) throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        int stored = rs.getInt(4);
        int fromLedger = entries.stream().mapToInt(LedgerEntry::delta).sum();
        if (!entries.isEmpty() && fromLedger != stored) {
            // Both change in one transaction; a mismatch means someone wrote around the ledger.
            log.error("Package {} holds {} credits but its ledger sums to {}", id, stored, fromLedger);
        }
        Instant expiresAt = rs.getTimestamp(5).toInstant();
        String status = rs.getString(6);
        if ("ACTIVE".equals(status) && !expiresAt.isAfter(now)) {
            status = "EXPIRED";
        }
        return new PackageView(id, rs.getString(2), rs.getInt(3), entries.isEmpty() ? stored : fromLedger,
                expiresAt.atZone(zone).toOffsetDateTime(), status, entries);
    }
}
