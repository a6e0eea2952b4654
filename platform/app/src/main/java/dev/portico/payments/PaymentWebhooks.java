package dev.portico.payments;

import dev.portico.plugin.api.PaymentProvider;
import dev.portico.plugin.api.WebhookEvent;
import dev.portico.plugin.api.WebhookRejectedException;
import dev.portico.plugins.EnabledExtension;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provider webhooks: verified by the plugin, recorded once per provider event id (a redelivery changes nothing),
 * and applied only forward: a late "failed" never undoes a payment that succeeded.
 */
@Component
class PaymentWebhooks {

    private static final Logger log = LoggerFactory.getLogger(PaymentWebhooks.class);

    private final Payments payments;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transactions;

    PaymentWebhooks(Payments payments, JdbcClient jdbc, JsonMapper json, TransactionTemplate transactions) {
        this.payments = payments;
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = transactions;
    }

    /** The plugin's verdict on a webhook's signature. */
    private sealed interface Verified {
        record Accepted(WebhookEvent event) implements Verified {}

        record Rejected(String reason) implements Verified {}
    }

    /** @return {@code processed}, {@code duplicate} or {@code ignored} */
    String handle(String pluginId, byte[] payload, Map<String, String> headers) {
        EnabledExtension<PaymentProvider> provider = payments.provider().filter(p -> p.pluginId().equals(pluginId))
                .orElseThrow(() -> ApiException.notFound("Payment provider " + pluginId));
        Verified verified = provider.call("parseWebhook", (extension, context) -> {
            try {
                return new Verified.Accepted(extension.parseWebhook(payload, headers, context));
            } catch (WebhookRejectedException e) {
                return new Verified.Rejected(e.getMessage());
            }
        });
        if (verified instanceof Verified.Rejected rejected) {
            log.warn("Rejected a {} webhook: {}", pluginId, rejected.reason());
            throw new ApiException(HttpStatus.BAD_REQUEST, "WEBHOOK_REJECTED", "Webhook rejected", "The webhook's signature did not verify.");
        }
        WebhookEvent event = ((Verified.Accepted) verified).event();
        return transactions.execute(status -> apply(pluginId, event));
    }

    private String apply(String pluginId, WebhookEvent event) {
        String schema = TenantContext.require().schemaName();
        Optional<Long> recorded = jdbc.sql("INSERT INTO " + schema + """
                .payment_events (provider, provider_event_id, type, payload) VALUES (?, ?, ?, cast(? AS jsonb))
                ON CONFLICT (provider, provider_event_id) DO NOTHING RETURNING id
                """).params(pluginId, event.eventId(), event.type(), json.writeValueAsString(event.metadata())).query(Long.class).optional();
        if (recorded.isEmpty()) {
            return "duplicate";
        }
        Optional<Payments.Row> payment = paymentOf(pluginId, event);
        if (payment.isEmpty() || event.status() == null) {
            return "ignored";
        }
        Payments.Row row = payment.get();
        if (event.providerPaymentId() != null && row.providerPaymentId() == null) {
            jdbc.sql("UPDATE " + schema + ".payments SET provider_payment_id = ? WHERE id = ? AND provider_payment_id IS NULL")
                    .params(event.providerPaymentId(), row.id()).update();
        }
        switch (event.status()) {
            case SUCCEEDED -> payments.succeed(row);
            case FAILED -> payments.fail(row, "the provider reported the payment failed");
            case REFUNDED, PARTIALLY_REFUNDED -> jdbc.sql("UPDATE " + schema + """
                    .payments SET status = ?, refund_status = 'REFUNDED', updated_at = now() WHERE id = ? AND status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED')
                    """).params(event.status().name(), row.id()).update();
            case PENDING -> { }
        }
        jdbc.sql("UPDATE " + schema + ".payment_events SET processed_at = now(), payment_id = ? WHERE id = ?")
                .params(row.id(), recorded.get()).update();
        return "processed";
    }

    /** Our own payment id travels in the provider's metadata; the provider's id is the fallback. */
    private Optional<Payments.Row> paymentOf(String pluginId, WebhookEvent event) {
        String ours = event.metadata().get("paymentId");
        if (ours != null && ours.matches("^[0-9a-f-]{36}$")) {
            return payments.find(UUID.fromString(ours)).filter(row -> row.provider().equals(pluginId));
        }
        if (event.providerPaymentId() == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id FROM " + TenantContext.require().schemaName() + ".payments WHERE provider = ? AND provider_payment_id = ?")
                .params(pluginId, event.providerPaymentId()).query(UUID.class).optional().flatMap(payments::find);
    }
}
