package dev.portico.plugin.api;

/** The outcome of a refund request. */
public sealed interface RefundResult {

    /** The provider accepted the refund. */
    record Refunded(String providerRefundId) implements RefundResult {}

    /** A transient failure; the host tries again with the same idempotency key. */
    record Retryable(String reason) implements RefundResult {}

    /** The provider refused the refund for good. */
    record Permanent(String reason) implements RefundResult {}
}
