package dev.portico.payments;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where a started payment stands, for the portal to continue it.
 *
 * @param redirectUrl   the provider's hosted checkout, when it uses one
 * @param clientSecret  what a client-side SDK needs, when there is no redirect
 * @param status        PENDING, SUCCEEDED or FAILED
 * @param failureReason the provider's reason, when FAILED
 */
public record Checkout(UUID paymentId, @Nullable String redirectUrl, @Nullable String clientSecret, String status,
        @Nullable String failureReason) {}
