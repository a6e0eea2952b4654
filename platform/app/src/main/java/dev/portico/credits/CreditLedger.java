package dev.portico.credits;

import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves credits, always as a ledger entry and a balance change in the caller's transaction. The package row is
 * locked while a credit is taken, so two bookings racing for the last credit give one booking and a zero
 * balance; the database refuses a negative balance and a second refund of one booking.
 */
@Service
public class CreditLedger {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CreditLedger(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Locks and returns the package a booking of {@code serviceId} would pay with: {@code packageId} if given and
     * usable, else the customer's usable package that expires soonest.
     *
     * @throws ApiException 404 for another customer's or an unknown package; 409 {@code NO_CREDITS} when none is usable
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID lockUsablePackage(UUID customerId, UUID serviceId, @Nullable UUID packageId) {
        String schema = TenantContext.require().schemaName();
        if (packageId != null && jdbc.sql("SELECT count(*) FROM " + schema + ".customer_packages WHERE id = ? AND customer_id = ?")
                .params(packageId, customerId).query(Long.class).single() == 0) {
            throw ApiException.notFound("Package");
        }
        Optional<UUID> usable = jdbc.sql("""
                SELECT p.id FROM %1$s.customer_packages p
                 WHERE p.customer_id = ? AND p.status = 'ACTIVE' AND p.credits_remaining > 0 AND p.expires_at > ?
                   AND (cast(? AS uuid) IS NULL OR p.id = ?)
                   AND (CASE WHEN p.service_ids IS NULL OR cardinality(p.service_ids) = 0
                             THEN (SELECT kind FROM %1$s.services WHERE id = ?) = 'CLASS'
                             ELSE ? = ANY(p.service_ids) END)
                 ORDER BY p.expires_at, p.id
                 LIMIT 1
                 FOR UPDATE OF p
                """.formatted(schema))
                .params(customerId, Timestamp.from(clock.instant()), packageId, packageId, serviceId, serviceId)
                .query(UUID.class).optional();
        return usable.orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "NO_CREDITS", "No credits",
                packageId == null ? "You have no credits left that can pay for this. Buy a package or pay per visit."
                        : "This package cannot pay for this booking: it is used up, expired, or not valid for this class."));
    }

    /** Takes one credit from a package locked by {@link #lockUsablePackage} for an appointment. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void debit(UUID packageId, UUID customerId, UUID appointmentId, String actor) {
        move(packageId, customerId, appointmentId, -1, "BOOKING", actor);
    }

    /** Gives an appointment's credit back to the package it came from; a second refund of one appointment is refused by the database. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refund(UUID packageId, UUID customerId, UUID appointmentId, String actor) {
        move(packageId, customerId, appointmentId, 1, "CANCEL_REFUND", actor);
    }

    /**
     * Opens a package the studio gives a customer from one of its products, with the GRANT entry that holds its
     * credits; the product's name and services are copied as a purchase would.
     *
     * @return the new package's id
     * @throws ApiException 404 for an unknown product
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID grant(UUID customerId, UUID productId, int credits, Instant expiresAt, String note, String actor) {
        Tenant tenant = TenantContext.require();
        Timestamp now = Timestamp.from(clock.instant());
        UUID packageId = jdbc.sql("""
                INSERT INTO %1$s.customer_packages (customer_id, package_product_id, name, service_ids, credits_total, credits_remaining,
                                                    purchased_at, expires_at)
                SELECT ?, p.id, p.name, p.service_ids, ?, ?, ?, ? FROM %1$s.package_products p WHERE p.id = ?
                RETURNING id
                """.formatted(tenant.schemaName()))
                .params(customerId, credits, credits, now, Timestamp.from(expiresAt), productId)
                .query(UUID.class).optional()
                .orElseThrow(() -> ApiException.notFound("Package product"));
        entry(packageId, customerId, credits, "GRANT", null, note, actor);
        events.publishEvent(new CreditsChanged(tenant.slug(), customerId, packageId, credits, credits, "GRANT"));
        return packageId;
    }

    /**
     * Adds or takes away credits by hand with an ADJUSTMENT entry, the package locked meanwhile so concurrent
     * adjustments all count. Adding past the package's size grows its size; nothing may take it below zero.
     *
     * @return the new balance
     * @throws ApiException 404 for another customer's or an unknown package; 409 {@code CREDITS_WOULD_GO_NEGATIVE},
     *                      or {@code PACKAGE_CANCELLED}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int adjust(UUID packageId, UUID customerId, int delta, String note, String actor) {
        Tenant tenant = TenantContext.require();
        record Held(int remaining, String status) {}
        Held held = jdbc.sql("SELECT credits_remaining, status FROM " + tenant.schemaName()
                        + ".customer_packages WHERE id = ? AND customer_id = ? FOR UPDATE")
                .params(packageId, customerId)
                .query((rs, n) -> new Held(rs.getInt(1), rs.getString(2))).optional()
                .orElseThrow(() -> ApiException.notFound("Package"));
        if ("CANCELLED".equals(held.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "PACKAGE_CANCELLED", "Package cancelled",
                    "This package was cancelled; its credits cannot change.");
        }
        int remaining = held.remaining() + delta;
        if (remaining < 0) {
            throw new ApiException(HttpStatus.CONFLICT, "CREDITS_WOULD_GO_NEGATIVE", "Not enough credits",
                    "The package has " + held.remaining() + " credits left; it cannot lose " + -delta + ".");
        }
        jdbc.sql("""
                UPDATE %s.customer_packages
                   SET credits_remaining = ?, credits_total = greatest(credits_total, ?),
                       status = CASE WHEN ? = 0 AND status = 'ACTIVE' THEN 'EXHAUSTED'
                                     WHEN ? > 0 AND status = 'EXHAUSTED' THEN 'ACTIVE'
                                     ELSE status END,
                       updated_at = ?, version = version + 1
                 WHERE id = ?
                """.formatted(tenant.schemaName()))
                .params(remaining, remaining, remaining, remaining, Timestamp.from(clock.instant()), packageId).update();
        entry(packageId, customerId, delta, "ADJUSTMENT", null, note, actor);
        events.publishEvent(new CreditsChanged(tenant.slug(), customerId, packageId, delta, remaining, "ADJUSTMENT"));
        return remaining;
    }

    private void move(UUID packageId, UUID customerId, UUID appointmentId, int delta, String reason, String actor) {
        Tenant tenant = TenantContext.require();
        Integer remaining = jdbc.sql("""
                UPDATE %s.customer_packages
                   SET credits_remaining = credits_remaining + ?,
                       -- A credit given back to a package the desk has since topped up to its size grows it, as adjust does.
                       credits_total = greatest(credits_total, credits_remaining + ?),
                       status = CASE WHEN credits_remaining + ? = 0 THEN 'EXHAUSTED'
                                     WHEN status = 'EXHAUSTED' AND credits_remaining + ? > 0 THEN 'ACTIVE'
                                     ELSE status END,
                       updated_at = now(), version = version + 1
                 WHERE id = ? AND customer_id = ?
                RETURNING credits_remaining
                """.formatted(tenant.schemaName()))
                .params(delta, delta, delta, delta, packageId, customerId).query(Integer.class).single();
        entry(packageId, customerId, delta, reason, appointmentId, null, actor);
        events.publishEvent(new CreditsChanged(tenant.slug(), customerId, packageId, delta, remaining, reason));
    }

    private void entry(UUID packageId, UUID customerId, int delta, String reason, @Nullable UUID appointmentId,
            @Nullable String note, String actor) {
        jdbc.sql("INSERT INTO " + TenantContext.require().schemaName() + """
                .credit_ledger (customer_package_id, customer_id, at, delta, reason, appointment_id, note, actor)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).params(packageId, customerId, Timestamp.from(clock.instant()), delta, reason, appointmentId, note, actor).update();
    }
}
