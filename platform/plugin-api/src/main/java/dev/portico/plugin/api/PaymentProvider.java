package dev.portico.plugin.api;

import java.util.List;
import java.util.Map;

/** Takes money for a studio through one payment provider. */
public interface PaymentProvider extends PorticoExtension {

    /**
     * Starts a payment or hosted checkout; idempotent for one {@link PaymentRequest#idempotencyKey()}.
     * Provider failures are reported as a {@link PaymentSession} with status {@link PaymentStatus#FAILED} and a
     * reason, or thrown as {@link PaymentProviderException} when the outcome is unknown (timeouts, 5xx).
     */
    PaymentSession createPayment(PaymentRequest request, ExtensionContext context);

    /** Refunds all or part of a payment; idempotent for one {@link RefundRequest#idempotencyKey()}. */
    RefundResult refund(RefundRequest request, ExtensionContext context);

    /** The receipts the provider holds for the given payments, in the order asked. */
    List<Receipt> receipts(List<String> providerPaymentIds, ExtensionContext context);

    /**
     * Verifies a webhook's signature and freshness and parses it.
     *
     * @param payload the raw request body, exactly as received
     * @param headers request headers, names in lower case
     * @throws WebhookRejectedException when the signature is missing, wrong or stale
     */
    WebhookEvent parseWebhook(byte[] payload, Map<String, String> headers, ExtensionContext context)
            throws WebhookRejectedException;
}
