package dev.portico.payments;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A payment failed or was abandoned; a place held for it must be released. */
public record PaymentFailed(String tenant, UUID paymentId, UUID customerId, String purpose, @Nullable UUID appointmentId,
        String reason) {}
