package dev.portico.plugin.api;

import java.util.List;
import java.util.Map;

/** Takes money for a studio through one payment provider. */
public interface PaymentProvider extends PorticoExtension {

    /** Starts a payment or hosted checkout; idempotent for one {@link PaymentRequest#idempotencyKey()}. */
    PaymentSession createPayment(PaymentRequest request, PluginSettings settings);

    /** Refunds all or part of a payment; idempotent for one {@link RefundRequest#idempotencyKey()}. */
    RefundResult refund(RefundRequest request, PluginSettings settings);

    /** The receipts the provider holds for the given payments, in the order asked. */
    List<Receipt> receipts(List<String> providerPaymentIds, PluginSettings settings);

    /**
     * Verifies a webhook's signature and freshness and parses it.
     *
     * @param payload the raw request body, exactly as received
     * @param headers request headers, names in lower case
     * @throws WebhookRejectedException when the signature is missing, wrong or stale
     */
    WebhookEvent parseWebhook(byte[] payload, Map<String, String> headers, PluginSettings settings)
            throws WebhookRejectedException;
}
