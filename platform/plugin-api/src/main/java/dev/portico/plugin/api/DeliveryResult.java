package dev.portico.plugin.api;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The outcome of one delivery attempt; the host retries only {@link Retryable} results. */
public sealed interface DeliveryResult {

    /** The provider accepted the message. */
    record Delivered(String providerMessageId) implements DeliveryResult {}

    /** A transient failure (timeout, 5xx, rate limit); the host tries again later. */
    record Retryable(String reason, @Nullable Duration retryAfter) implements DeliveryResult {}

    /** A failure that will not heal (bad address, rejected credentials); the host dead-letters it. */
    record Permanent(String reason) implements DeliveryResult {}
}
