package dev.portico.plugin.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A verified provider event, reduced to what the host acts on.
 *
 * @param eventId           the provider's unique event id; the host ignores an id it has seen
 * @param type              the provider's event type, e.g. {@code payment_intent.succeeded}
 * @param providerPaymentId the payment it concerns, if any
 * @param status            the payment's new status, if the event changes it
 * @param metadata          the metadata the host attached to the payment
 */
public record WebhookEvent(String eventId, String type, @Nullable String providerPaymentId,
        @Nullable PaymentStatus status, Map<String, String> metadata) {

    public WebhookEvent {
        metadata = Map.copyOf(metadata);
    }
}
