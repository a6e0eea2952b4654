package dev.portico.plugins.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import dev.portico.plugin.api.PaymentStatus;
import dev.portico.plugin.api.WebhookEvent;
import dev.portico.plugin.api.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Stripe's {@code Stripe-Signature} and reduces an event to what the host acts on. Events are not
 * deduplicated here: Stripe delivers at least once and a replay carries the same event id, which the host keeps.
 * Nor are they ordered: Stripe may deliver a failure after the success it preceded.
 */
final class StripeWebhooks {

    static final String SIGNATURE_HEADER = "stripe-signature";

    private StripeWebhooks() {
    }

    static WebhookEvent parse(byte[] payload, Map<String, String> headers, StripeSettings settings, Clock clock)
            throws WebhookRejectedException {
        String signature = headers.get(SIGNATURE_HEADER);
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejectedException("missing Stripe-Signature header");
        }
        Event event = verified(payload, signature, settings, clock);
        if (event.getId() == null || event.getType() == null) {
            throw new WebhookRejectedException("signed payload is not a Stripe event");
        }
        return switch (event.getType()) {
            case "payment_intent.succeeded" -> ofIntent(event, PaymentStatus.SUCCEEDED);
            // after payment_failed the customer may still pay with another card on the same intent or checkout
            // page, so a success can follow this FAILED; canceled is final
            case "payment_intent.payment_failed", "payment_intent.canceled" -> ofIntent(event, PaymentStatus.FAILED);
            case "checkout.session.completed" -> {
                Session session = dataObject(event, Session.class);
                // "unpaid" means an asynchronous method (bank debit, voucher) is still settling;
                // checkout.session.async_payment_succeeded or _failed follows
                PaymentStatus status = "unpaid".equals(session.getPaymentStatus())
                        ? PaymentStatus.PENDING : PaymentStatus.SUCCEEDED;
                yield new WebhookEvent(event.getId(), event.getType(), session.getId(), status,
                        metadata(session.getMetadata()));
            }
            case "checkout.session.async_payment_succeeded" -> ofSession(event, PaymentStatus.SUCCEEDED);
            case "checkout.session.async_payment_failed", "checkout.session.expired" ->
                    ofSession(event, PaymentStatus.FAILED);
            case "charge.refunded" -> {
                Charge charge = dataObject(event, Charge.class);
                PaymentStatus status = Boolean.TRUE.equals(charge.getRefunded())
                        ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
                // the host knows the payment intent (or the checkout session), never the charge
                String paymentId = charge.getPaymentIntent() != null ? charge.getPaymentIntent() : charge.getId();
                yield new WebhookEvent(event.getId(), event.getType(), paymentId, status,
                        metadata(charge.getMetadata()));
            }
            // verified but not about a payment's status: the host records the id and ignores it
            default -> new WebhookEvent(event.getId(), event.getType(), null, null, Map.of());
        };
    }

    private static Event verified(byte[] payload, String signature, StripeSettings settings, Clock clock)
            throws WebhookRejectedException {
        try {
            // Stripe signs the raw bytes; bytes that are not UTF-8 decode to replacement characters here and fail
            // the signature check, which is the right answer
            return Webhook.constructEvent(new String(payload, StandardCharsets.UTF_8), signature,
                    settings.webhookSecret(), settings.webhookToleranceSeconds(), clock);
        } catch (SignatureVerificationException e) {
            throw new WebhookRejectedException(rejection(e));
        } catch (RuntimeException e) {
            // a timestamp that is not a number, or a correctly signed body that is not JSON
            throw new WebhookRejectedException("unreadable webhook: " + e.getClass().getSimpleName());
        }
    }

    private static String rejection(SignatureVerificationException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith("Timestamp outside the tolerance zone")) {
            return "signature timestamp is older than the tolerance";
        }
        if (message.startsWith("No signatures found matching")) {
            return "signature does not match the payload";
        }
        return "malformed Stripe-Signature header";
    }

    private static WebhookEvent ofIntent(Event event, PaymentStatus status) throws WebhookRejectedException {
        PaymentIntent intent = dataObject(event, PaymentIntent.class);
        return new WebhookEvent(event.getId(), event.getType(), intent.getId(), status, metadata(intent.getMetadata()));
    }

    private static WebhookEvent ofSession(Event event, PaymentStatus status) throws WebhookRejectedException {
        Session session = dataObject(event, Session.class);
        return new WebhookEvent(event.getId(), event.getType(), session.getId(), status, metadata(session.getMetadata()));
    }

    /**
     * The event's object as the SDK's model. Events rendered at another API version than the SDK's are read
     * anyway: the fields used here (ids, status, metadata, refunded) have kept their shape across versions, and
     * the endpoint's version is the studio's choice in its Stripe dashboard, not ours.
     */
    private static <T extends StripeObject> T dataObject(Event event, Class<T> type) throws WebhookRejectedException {
        StripeObject object;
        try {
            EventDataObjectDeserializer data = event.getDataObjectDeserializer();
            // the SDK's version comparison throws on an event without api_version
            Optional<StripeObject> safe = event.getApiVersion() == null ? Optional.empty() : data.getObject();
            object = safe.isPresent() ? safe.get() : data.deserializeUnsafe();
        } catch (EventDataObjectDeserializationException | RuntimeException e) {
            // rejecting makes Stripe redeliver and shows the failure in the studio's dashboard, rather than losing
            // a payment's outcome silently
            throw new WebhookRejectedException("cannot read the " + event.getType() + " event's data object");
        }
        if (!type.isInstance(object)) {
            throw new WebhookRejectedException(event.getType() + " event does not carry a " + type.getSimpleName());
        }
        return type.cast(object);
    }

    private static Map<String, String> metadata(@Nullable Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }
}
