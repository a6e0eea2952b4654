package dev.portico.plugin.api;

import org.jspecify.annotations.Nullable;

/**
 * A payment the provider has started.
 *
 * @param providerPaymentId the provider's id for it (payment intent, checkout session, ...)
 * @param redirectUrl       where to send the customer to pay, for hosted checkouts
 * @param clientSecret      what a client-side SDK needs to confirm it, when there is no redirect
 * @param status            where the payment stands right now
 * @param failureReason     why the provider refused it, when {@code status} is {@link PaymentStatus#FAILED}
 */
public record PaymentSession(String providerPaymentId, @Nullable String redirectUrl, @Nullable String clientSecret,
        PaymentStatus status, @Nullable String failureReason) {}
