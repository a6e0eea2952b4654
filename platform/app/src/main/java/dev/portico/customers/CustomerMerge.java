package dev.portico.customers;

import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Folds a duplicate customer record into the one the studio keeps, in one transaction: the duplicate's bookings,
 * packages with their ledger, payments, messages, audit rows and (revoked) sessions now belong to the survivor, who
 * also takes the duplicate's email or phone where they had none. The duplicate stays as a MERGED row pointing at
 * the survivor, with no sessions and no login links, so nothing else refers to it. Every table with a
 * {@code customer_id} is handled here; {@code CustomerMergeIntegrationTests} lists them from the database so a new
 * one cannot be forgotten.
 */
@Component
class CustomerMerge {

    /** Tables whose rows simply change owner. */
    private static final List<String> MOVED = List.of("customer_packages", "appointments", "credit_ledger", "payments",
            "outbound_messages", "audit_logs", "customer_sessions");

    /** Tables with one row per customer: the survivor keeps theirs, or takes the duplicate's when they have none. */
    private static final List<String> ONE_PER_CUSTOMER = List.of("customer_notification_preferences", "calendar_feeds");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CustomerMerge(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    private record Party(UUID id, @Nullable String memberNumber, @Nullable String email, @Nullable String phone, String status) {}

    @Transactional(propagation = Propagation.MANDATORY)
    void merge(UUID survivorId, UUID duplicateId, Actor actor) {
        Tenant tenant = TenantContext.require();
        String schema = tenant.schemaName();
        // Both rows locked, in id order so two merges of the same pair cannot deadlock.
        Map<UUID, Party> parties = new LinkedHashMap<>();
        jdbc.sql("SELECT id, member_number, email, phone, status FROM " + schema + ".customers WHERE id IN (?, ?) ORDER BY id FOR UPDATE")
                .params(survivorId, duplicateId)
                .query((rs, n) -> new Party(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list()
                .forEach(party -> parties.put(party.id(), party));
        Party survivor = parties.get(survivorId);
        Party duplicate = parties.get(duplicateId);
        if (survivor == null || duplicate == null) {
            throw ApiException.notFound("Customer");
        }
        if ("MERGED".equals(survivor.status()) || "MERGED".equals(duplicate.status())) {
            throw merged();
        }
        List<String> clashes = jdbc.sql("""
                SELECT to_char(a.starts_at AT TIME ZONE ?, 'YYYY-MM-DD HH24:MI') FROM %1$s.appointments a
                  JOIN %1$s.appointments b ON b.class_session_id = a.class_session_id
                 WHERE a.customer_id = ? AND b.customer_id = ?
                   AND a.status IN ('BOOKED', 'PENDING_PAYMENT') AND b.status IN ('BOOKED', 'PENDING_PAYMENT')
                 ORDER BY a.starts_at
                """.formatted(schema))
                .params(tenant.config().timezone(), survivorId, duplicateId).query(String.class).list();
        if (!clashes.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "MERGE_CONFLICT", "Both are booked into the same class",
                    "Both customers are booked into the class at " + String.join(", ", clashes)
                            + ". Cancel one of the bookings, then merge.");
        }

        // The duplicate's sessions end before they change hands, so none of them can log anyone in afterwards.
        events.publishEvent(new CustomerDeactivated(tenant.slug(), duplicateId, true));

        // Packages, bookings and ledger entries are tied together by (id, customer_id) keys; they move in several
        // statements, so those keys are checked once all have moved, at commit.
        jdbc.sql("SET CONSTRAINTS %1$s.appointments_package_owner_fk, %1$s.credit_ledger_package_owner_fk, %1$s.credit_ledger_appointment_owner_fk DEFERRED"
                .formatted(schema)).update();
        Map<String, Object> moved = new LinkedHashMap<>();
        for (String table : MOVED) {
            moved.put(table, jdbc.sql("UPDATE " + schema + "." + table + " SET customer_id = ? WHERE customer_id = ?")
                    .params(survivorId, duplicateId).update());
        }
        for (String table : ONE_PER_CUSTOMER) {
            int taken = jdbc.sql("UPDATE " + schema + "." + table + " SET customer_id = ? WHERE customer_id = ? AND NOT EXISTS "
                            + "(SELECT 1 FROM " + schema + "." + table + " WHERE customer_id = ?)")
                    .params(survivorId, duplicateId, survivorId).update();
            int dropped = jdbc.sql("DELETE FROM " + schema + "." + table + " WHERE customer_id = ?").param(duplicateId).update();
            moved.put(table, taken == 1 ? "taken over" : dropped == 1 ? "survivor's kept" : "none");
        }
        // Unused login links of the duplicate would log in as the survivor now: they are simply forgotten.
        moved.put("customer_portal_tokens (deleted)",
                jdbc.sql("DELETE FROM " + schema + ".customer_portal_tokens WHERE customer_id = ?").param(duplicateId).update());

        // Records merged into the duplicate earlier now point at where it went.
        moved.put("customers (merged earlier)", jdbc.sql("UPDATE " + schema + ".customers SET merged_into = ? WHERE merged_into = ?")
                .params(survivorId, duplicateId).update());

        String email = survivor.email() == null ? duplicate.email() : null;
        String phone = survivor.phone() == null ? duplicate.phone() : null;
        Timestamp now = Timestamp.from(clock.instant());
        // The duplicate lets go of what the survivor takes first: emails and phones are unique.
        jdbc.sql("UPDATE " + schema + """
                .customers SET status = 'MERGED', merged_into = ?, email = CASE WHEN ? THEN NULL ELSE email END,
                               phone = CASE WHEN ? THEN NULL ELSE phone END, updated_at = ?, version = version + 1
                 WHERE id = ?
                """).params(survivorId, email != null, phone != null, now, duplicateId).update();
        jdbc.sql("UPDATE " + schema + """
                .customers SET email = coalesce(email, ?), phone = coalesce(phone, ?), updated_at = ?, version = version + 1
                 WHERE id = ?
                """).params(email, phone, now, survivorId).update();

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("duplicateId", duplicateId.toString());
        if (duplicate.memberNumber() != null) {
            details.put("duplicateMemberNumber", duplicate.memberNumber());
        }
        details.put("moved", moved);
        Map<String, Object> filled = new LinkedHashMap<>();
        if (email != null) {
            filled.put("email", email);
        }
        if (phone != null) {
            filled.put("phone", phone);
        }
        details.put("filledFromDuplicate", filled);
        audit.record(actor, "customer.merged", survivorId, "customer", survivorId.toString(), details);
    }

    static ApiException merged() {
        return new ApiException(HttpStatus.CONFLICT, "CUSTOMER_MERGED", "Customer merged",
                "This customer was merged into another record; change that one instead.");
    }
}
