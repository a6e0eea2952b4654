package dev.portico.plugin.api;

import java.util.Objects;

/**
 * Money to give back for an earlier payment.
 *
 * @param idempotencyKey derived from the host's refund record
 * @param providerPaymentId the payment to refund
 * @param amount            how much; the full amount for a full refund
 * @param reason            a short human reason kept with the refund
 */
public record RefundRequest(String idempotencyKey, String providerPaymentId, Money amount, String reason) {

    public RefundRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(providerPaymentId, "providerPaymentId");
    }
}
