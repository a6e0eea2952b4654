package dev.portico.plugins.stripe;

/**
 * Response and event bodies in Stripe's real shapes (trimmed of fields the plugin never reads), so the SDK
 * deserializes them as it would api.stripe.com's.
 */
final class StripeJson {

    /** The API version the SDK is pinned to; events rendered at it deserialize without the unsafe path. */
    static final String API_VERSION = com.stripe.Stripe.API_VERSION;

    static final long CREATED = 1_767_225_600L; // 2026-01-01T00:00:00Z

    private StripeJson() {
    }

    static String paymentIntent(String id, long amount, String status, String latestCharge) {
        return """
                {
                  "id": "%1$s",
                  "object": "payment_intent",
                  "amount": %2$d,
                  "amount_capturable": 0,
                  "amount_received": %3$d,
                  "automatic_payment_methods": {"allow_redirects": "always", "enabled": true},
                  "capture_method": "automatic_async",
                  "client_secret": "%1$s_secret_Xk2wQ9sLm4",
                  "confirmation_method": "automatic",
                  "created": %4$d,
                  "currency": "aed",
                  "customer": null,
                  "description": "10-class pack",
                  "last_payment_error": null,
                  "latest_charge": %5$s,
                  "livemode": false,
                  "metadata": {"paymentId": "pay_42", "tenant": "serenity"},
                  "payment_method": null,
                  "payment_method_types": ["card", "link"],
                  "receipt_email": "maya@example.com",
                  "statement_descriptor": null,
                  "statement_descriptor_suffix": null,
                  "status": "%6$s"
                }
                """.formatted(id, amount, "succeeded".equals(status) ? amount : 0, CREATED, latestCharge, status);
    }

    static String paymentIntent(String id, long amount, String status) {
        return paymentIntent(id, amount, status, "null");
    }

    static String charge(String id, String paymentIntent, long amount, long amountRefunded) {
        return """
                {
                  "id": "%1$s",
                  "object": "charge",
                  "amount": %3$d,
                  "amount_captured": %3$d,
                  "amount_refunded": %4$d,
                  "captured": true,
                  "created": %5$d,
                  "currency": "aed",
                  "description": "10-class pack",
                  "livemode": false,
                  "metadata": {"paymentId": "pay_42", "tenant": "serenity"},
                  "paid": true,
                  "payment_intent": "%2$s",
                  "receipt_email": "maya@example.com",
                  "receipt_url": "https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8x%1$s",
                  "refunded": %6$s,
                  "status": "succeeded"
                }
                """.formatted(id, paymentIntent, amount, amountRefunded, CREATED, amountRefunded >= amount);
    }

    static String checkoutSession(String id, String status, String paymentStatus, String paymentIntent) {
        return """
                {
                  "id": "%1$s",
                  "object": "checkout.session",
                  "amount_subtotal": 12000,
                  "amount_total": 12000,
                  "cancel_url": "https://serenity.localhost/portal/packages",
                  "client_reference_id": null,
                  "created": %2$d,
                  "currency": "aed",
                  "customer_email": "maya@example.com",
                  "expires_at": %3$d,
                  "livemode": false,
                  "metadata": {"paymentId": "pay_42", "tenant": "serenity"},
                  "mode": "payment",
                  "payment_intent": %4$s,
                  "payment_status": "%5$s",
                  "status": "%6$s",
                  "success_url": "https://serenity.localhost/portal/payments/done?session={CHECKOUT_SESSION_ID}",
                  "url": %7$s
                }
                """.formatted(id, CREATED, CREATED + 86_400, paymentIntent, paymentStatus, status,
                "open".equals(status) ? "\"https://checkout.stripe.com/c/pay/" + id + "#fidkdWxOYHwnPyd1blpxYHZxWjA0\"" : "null");
    }

    static String refund(String id, String paymentIntent, long amount, String status) {
        return """
                {
                  "id": "%1$s",
                  "object": "refund",
                  "amount": %3$d,
                  "charge": "ch_3QxYz2LkdIwHu7ix0pQrStUv",
                  "created": %4$d,
                  "currency": "aed",
                  "metadata": {"reason": "class cancelled by studio"},
                  "payment_intent": "%2$s",
                  "reason": "requested_by_customer",
                  "status": "%5$s"
                }
                """.formatted(id, paymentIntent, amount, CREATED, status);
    }

    /** Stripe's error body, e.g. {@code error("card_error", "card_declined", "Your card was declined.")}. */
    static String error(String type, String code, String message) {
        return """
                {"error": {"type": "%s", "code": "%s", "message": "%s"}}
                """.formatted(type, code, message);
    }

    /** A webhook event around {@code object} as Stripe would post it. */
    static String event(String id, String type, String object, String apiVersion) {
        return """
                {
                  "id": "%1$s",
                  "object": "event",
                  "api_version": "%2$s",
                  "created": %3$d,
                  "data": {"object": %4$s},
                  "livemode": false,
                  "pending_webhooks": 1,
                  "request": {"id": null, "idempotency_key": "pay_42-attempt-1"},
                  "type": "%5$s"
                }
                """.formatted(id, apiVersion, CREATED, object.strip(), type);
    }

    static String event(String id, String type, String object) {
        return event(id, type, object, API_VERSION);
    }
}
