package dev.portico.plugin.api;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A charge the host wants collected.
 *
 * @param idempotencyKey derived from the host's own payment record, so a retry never charges twice
 * @param amount         what to charge
 * @param description    shown on the receipt, e.g. "10-class pack"
 * @param customerEmail  the payer, for provider-side customer records and receipts
 * @param successUrl     where a hosted checkout returns on success, when the provider uses one
 * @param cancelUrl      where a hosted checkout returns when abandoned
 * @param metadata       the host's references (payment id, tenant, customer), echoed back in webhooks
 */
public record PaymentRequest(String idempotencyKey, Money amount, String description, String customerEmail,
        @Nullable String successUrl, @Nullable String cancelUrl, Map<String, String> metadata) {

    public PaymentRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(amount, "amount");
        metadata = Map.copyOf(metadata);
    }
}
