package dev.portico.credits;

import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
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

    private void move(UUID packageId, UUID customerId, UUID appointmentId, int delta, String reason, String actor) {
        Tenant tenant = TenantContext.require();
        Integer remaining = jdbc.sql("""
                UPDATE %s.customer_packages
                   SET credits_remaining = credits_remaining + ?,
                       status = CASE WHEN credits_remaining + ? = 0 THEN 'EXHAUSTED'
                                     WHEN status = 'EXHAUSTED' AND credits_remaining + ? > 0 THEN 'ACTIVE'
                                     ELSE status END,
                       updated_at = now(), version = version + 1
                 WHERE id = ? AND customer_id = ?
                RETURNING credits_remaining
                """.formatted(tenant.schemaName()))
                .params(delta, delta, delta, packageId, customerId).query(Integer.class).single();
        jdbc.sql("INSERT INTO " + tenant.schemaName() + """
                .credit_ledger (customer_package_id, customer_id, at, delta, reason, appointment_id, actor)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).params(packageId, customerId, Timestamp.from(clock.instant()), delta, reason, appointmentId, actor).update();
        events.publishEvent(new CreditsChanged(tenant.slug(), customerId, packageId, delta, remaining, reason));
    }
}
