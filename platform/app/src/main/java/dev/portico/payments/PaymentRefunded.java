package dev.portico.payments;

import java.util.UUID;

/** The provider refunded a payment. */
public record PaymentRefunded(String tenant, UUID paymentId, UUID customerId, long amountMinor, String currency, String description) {}
