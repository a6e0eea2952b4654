package dev.portico.credits;

import dev.portico.payments.PaymentSucceeded;
import dev.portico.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A paid package purchase becomes a package with its credits, in the transaction that recorded the payment;
 * the database allows one package per payment, so a repeated confirmation credits nothing twice.
 */
@Component
class PurchaseFulfilment {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PurchaseFulfilment(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(PaymentSucceeded payment) {
        if (!"PACKAGE_PURCHASE".equals(payment.purpose()) || payment.productId() == null) {
            return;
        }
        String schema = TenantContext.require().schemaName();
        Timestamp now = Timestamp.from(clock.instant());
        record Created(UUID id, int credits) {}
        Optional<Created> created = jdbc.sql("""
                INSERT INTO %s.customer_packages (customer_id, package_product_id, name, service_ids, credits_total, credits_remaining,
                                                  purchased_at, expires_at, payment_id)
                SELECT ?, p.id, p.name, p.service_ids, p.credits, p.credits, ?, cast(? AS timestamptz) + make_interval(days => p.validity_days), ?
                  FROM %1$s.package_products p WHERE p.id = ?
                ON CONFLICT (payment_id) WHERE payment_id IS NOT NULL DO NOTHING
                RETURNING id, credits_total
                """.formatted(schema))
                .params(payment.customerId(), now, now, payment.paymentId(), payment.productId())
                .query((rs, n) -> new Created(rs.getObject(1, UUID.class), rs.getInt(2))).optional();
        created.ifPresent(pack -> {
            jdbc.sql("INSERT INTO " + schema + ".credit_ledger (customer_package_id, customer_id, at, delta, reason, actor, note) "
                            + "VALUES (?, ?, ?, ?, 'PURCHASE', 'system', ?)")
                    .params(pack.id(), payment.customerId(), now, pack.credits(), "payment " + payment.paymentId()).update();
            events.publishEvent(new CreditsChanged(payment.tenant(), payment.customerId(), pack.id(), pack.credits(), pack.credits(), "PURCHASE"));
        });
    }
}
