package dev.portico.plugin.api;

/** Where a payment stands, in the host's words rather than any one provider's. */
public enum PaymentStatus {
    PENDING,
    SUCCEEDED,
    FAILED,
    REFUNDED,
    PARTIALLY_REFUNDED
}
