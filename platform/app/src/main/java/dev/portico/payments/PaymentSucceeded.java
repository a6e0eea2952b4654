package dev.portico.payments;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The provider confirmed a payment; the booking it holds a place for (if any) can be confirmed. */
public record PaymentSucceeded(String tenant, UUID paymentId, UUID customerId, String purpose, @Nullable UUID appointmentId,
        @Nullable UUID productId, long amountMinor, String currency, String description) {}
