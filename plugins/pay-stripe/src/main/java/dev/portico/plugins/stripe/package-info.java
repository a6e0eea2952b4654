/** Stripe payments for Portico: hosted checkout or payment intents, refunds, receipts and signed webhooks. */
@NullMarked
package dev.portico.plugins.stripe;

import org.jspecify.annotations.NullMarked;
