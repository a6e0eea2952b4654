package dev.portico.plugin.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One payment as the provider records it.
 *
 * @param providerPaymentId the provider's id for the payment
 * @param description       what was bought
 * @param amount            what was charged
 * @param status            where the payment stands
 * @param createdAt         when the provider created it
 * @param receiptUrl        a link to the provider's receipt, when it has one
 */
public record Receipt(String providerPaymentId, String description, Money amount, PaymentStatus status,
        Instant createdAt, @Nullable String receiptUrl) {}
