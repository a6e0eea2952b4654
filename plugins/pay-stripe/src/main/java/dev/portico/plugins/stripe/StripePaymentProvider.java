package dev.portico.plugins.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.Money;
import dev.portico.plugin.api.PaymentProvider;
import dev.portico.plugin.api.PaymentProviderException;
import dev.portico.plugin.api.PaymentRequest;
import dev.portico.plugin.api.PaymentSession;
import dev.portico.plugin.api.PaymentStatus;
import dev.portico.plugin.api.Receipt;
import dev.portico.plugin.api.RefundRequest;
import dev.portico.plugin.api.RefundResult;
import dev.portico.plugin.api.SettingDescriptor;
import dev.portico.plugin.api.WebhookEvent;
import dev.portico.plugin.api.WebhookRejectedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes payments through the studio's own Stripe account with stripe-java: a hosted Checkout Session
 * ({@code mode=checkout}, the default) or a PaymentIntent the portal confirms with Stripe.js
 * ({@code mode=payment_intent}).
 *
 * <p>Every call builds on the calling studio's settings only; the SDK's static {@code Stripe.apiKey} is never
 * touched, so studios cannot see each other's accounts. Every mutating call sends the host's idempotency key as
 * Stripe's {@code Idempotency-Key}: Stripe replays its first answer to a key for 24 hours, so a retry never
 * charges or refunds twice.
 *
 * <p>Ids handed to the host: {@code cs_...} (checkout mode) or {@code pi_...} (payment_intent mode). Both are
 * accepted back by {@link #refund} and {@link #receipts}.
 */
@Extension
public final class StripePaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(StripePaymentProvider.class);

    /**
     * Static because PF4J's default extension factory makes a new instance per lookup; the map lives as long
     * as the plugin's class loader.
     */
    private static final StripeClients CLIENTS = new StripeClients(64);

    private static final String CHECKOUT_SESSION_PREFIX = "cs_";

    @Override
    public List<SettingDescriptor> settings() {
        return StripeSettings.DESCRIPTORS;
    }

    @Override
    public PaymentSession createPayment(PaymentRequest request, ExtensionContext context) {
        StripeSettings settings = StripeSettings.of(context.settings());
        StripeClient stripe = CLIENTS.forSettings(settings);
        RequestOptions options = idempotent(request.idempotencyKey());
        try {
            return settings.checkoutMode() ? checkout(stripe, request, settings, options)
                    : paymentIntent(stripe, request, settings, options);
        } catch (StripeException e) {
            if (StripeFailures.isRefusal(e)) {
                return new PaymentSession(refusedPaymentId(e), null, null, PaymentStatus.FAILED, StripeFailures.reason(e));
            }
            throw StripeFailures.unknownOutcome("create payment", e);
        }
    }

    private static PaymentSession checkout(StripeClient stripe, PaymentRequest request, StripeSettings settings,
            RequestOptions options) throws StripeException {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(stripeCurrency(request.amount()))
                                .setUnitAmount(request.amount().amount())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(request.description())
                                        .build())
                                .build())
                        .build())
                .setCustomerEmail(blankToNull(request.customerEmail()))
                .setSuccessUrl(request.successUrl())
                .setCancelUrl(request.cancelUrl())
                .putAllMetadata(request.metadata())
                // the session's metadata stays on the session; the payment intent, its charge and their webhooks
                // only carry what payment_intent_data gives them
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .setDescription(request.description())
                        .putAllMetadata(request.metadata())
                        .setStatementDescriptorSuffix(settings.statementDescriptor())
                        .build())
                .build();
        Session session = stripe.v1().checkout().sessions().create(params, options);
        return new PaymentSession(session.getId(), session.getUrl(), null, PaymentStatus.PENDING, null);
    }

    private static PaymentSession paymentIntent(StripeClient stripe, PaymentRequest request, StripeSettings settings,
            RequestOptions options) throws StripeException {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(request.amount().amount())
                .setCurrency(stripeCurrency(request.amount()))
                .setDescription(request.description())
                .setReceiptEmail(blankToNull(request.customerEmail()))
                .putAllMetadata(request.metadata())
                // a statement_descriptor proper is refused for card charges; the suffix works for them
                .setStatementDescriptorSuffix(settings.statementDescriptor())
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true)
                        .build())
                .build();
        PaymentIntent intent = stripe.v1().paymentIntents().create(params, options);
        PaymentStatus status = status(intent);
        String failure = status == PaymentStatus.FAILED && intent.getLastPaymentError() != null
                ? intent.getLastPaymentError().getMessage() : null;
        return new PaymentSession(intent.getId(), null, intent.getClientSecret(), status, failure);
    }

    /** The payment a refusal concerns, when Stripe made one (a declined confirmation does); else empty. */
    private static String refusedPaymentId(StripeException e) {
        if (e.getStripeError() != null && e.getStripeError().getPaymentIntent() != null
                && e.getStripeError().getPaymentIntent().getId() != null) {
            return e.getStripeError().getPaymentIntent().getId();
        }
        return "";
    }

    @Override
    public RefundResult refund(RefundRequest request, ExtensionContext context) {
        StripeSettings settings = StripeSettings.of(context.settings());
        StripeClient stripe = CLIENTS.forSettings(settings);
        try {
            RefundCreateParams.Builder params = RefundCreateParams.builder()
                    .setAmount(request.amount().amount())
                    .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER)
                    .putMetadata("tenant", context.tenant());
            if (request.reason() != null && !request.reason().isBlank()) {
                params.putMetadata("reason", truncate(request.reason(), 500));
            }
            String paymentId = request.providerPaymentId();
            if (paymentId.startsWith(CHECKOUT_SESSION_PREFIX)) {
                // a session is not refundable itself; its payment intent is, once the customer has paid
                String intentId = stripe.v1().checkout().sessions().retrieve(paymentId).getPaymentIntent();
                if (intentId == null) {
                    return new RefundResult.Permanent("checkout session " + paymentId + " has no payment to refund");
                }
                params.setPaymentIntent(intentId);
            } else if (paymentId.startsWith("ch_") || paymentId.startsWith("py_")) {
                params.setCharge(paymentId);
            } else {
                params.setPaymentIntent(paymentId);
            }
            Refund refund = stripe.v1().refunds().create(params.build(), idempotent(request.idempotencyKey()));
            if ("failed".equals(refund.getStatus()) || "canceled".equals(refund.getStatus())) {
                return new RefundResult.Permanent("refund " + refund.getId() + " " + refund.getStatus()
                        + (refund.getFailureReason() == null ? "" : ": " + refund.getFailureReason()));
            }
            return new RefundResult.Refunded(refund.getId());
        } catch (StripeException e) {
            return StripeFailures.isTransient(e) ? new RefundResult.Retryable(StripeFailures.reason(e))
                    : new RefundResult.Permanent(StripeFailures.reason(e));
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A payment Stripe does not know (deleted test data, another account's id) is left out rather than failing
     * the whole list; a transient error fails the call as a retryable {@link PaymentProviderException}.
     */
    @Override
    public List<Receipt> receipts(List<String> providerPaymentIds, ExtensionContext context) {
        StripeSettings settings = StripeSettings.of(context.settings());
        StripeClient stripe = CLIENTS.forSettings(settings);
        List<Receipt> receipts = new ArrayList<>(providerPaymentIds.size());
        for (String paymentId : providerPaymentIds) {
            try {
                receipts.add(paymentId.startsWith(CHECKOUT_SESSION_PREFIX) ? sessionReceipt(stripe, paymentId)
                        : intentReceipt(paymentId, stripe.v1().paymentIntents().retrieve(paymentId,
                                PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build())));
            } catch (InvalidRequestException e) {
                log.warn("No receipt for payment {}: {}", paymentId, StripeFailures.reason(e));
            } catch (StripeException e) {
                throw StripeFailures.unknownOutcome("receipts", e);
            }
        }
        return receipts;
    }

    private static Receipt sessionReceipt(StripeClient stripe, String sessionId) throws StripeException {
        Session session = stripe.v1().checkout().sessions().retrieve(sessionId, SessionRetrieveParams.builder()
                .addExpand("payment_intent")
                .addExpand("payment_intent.latest_charge")
                .build());
        PaymentIntent intent = session.getPaymentIntentObject();
        if (intent != null) {
            return intentReceipt(sessionId, intent);
        }
        // not paid (yet): the session alone says what was asked for
        PaymentStatus status = switch (String.valueOf(session.getStatus())) {
            case "expired" -> PaymentStatus.FAILED;
            case "complete" -> "unpaid".equals(session.getPaymentStatus()) ? PaymentStatus.PENDING : PaymentStatus.SUCCEEDED;
            default -> PaymentStatus.PENDING;
        };
        return new Receipt(sessionId, "", money(session.getAmountTotal(), session.getCurrency()), status,
                instant(session.getCreated()), null);
    }

    private static Receipt intentReceipt(String paymentId, PaymentIntent intent) {
        Charge charge = intent.getLatestChargeObject();
        return new Receipt(paymentId, intent.getDescription() == null ? "" : intent.getDescription(),
                money(intent.getAmount(), intent.getCurrency()), status(intent), instant(intent.getCreated()),
                charge == null ? null : charge.getReceiptUrl());
    }

    /**
     * Stripe's payment intent status in the host's words. Everything short of success or cancellation is still
     * pending: {@code requires_payment_method} after a decline lets the customer try another card.
     */
    static PaymentStatus status(PaymentIntent intent) {
        return switch (String.valueOf(intent.getStatus())) {
            case "succeeded" -> {
                Charge charge = intent.getLatestChargeObject();
                if (charge != null && Boolean.TRUE.equals(charge.getRefunded())) {
                    yield PaymentStatus.REFUNDED;
                }
                if (charge != null && charge.getAmountRefunded() != null && charge.getAmountRefunded() > 0) {
                    yield PaymentStatus.PARTIALLY_REFUNDED;
                }
                yield PaymentStatus.SUCCEEDED;
            }
            case "canceled" -> PaymentStatus.FAILED;
            default -> PaymentStatus.PENDING;
        };
    }

    @Override
    public WebhookEvent parseWebhook(byte[] payload, Map<String, String> headers, ExtensionContext context)
            throws WebhookRejectedException {
        return StripeWebhooks.parse(payload, headers, StripeSettings.of(context.settings()), context.clock());
    }

    private static RequestOptions idempotent(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    /** Stripe wants ISO codes in lower case and amounts in the same minor units as {@link Money}. */
    private static String stripeCurrency(Money money) {
        return money.currency().toLowerCase(Locale.ROOT);
    }

    private static Money money(@Nullable Long amount, @Nullable String currency) {
        return new Money(amount == null ? 0 : amount, currency == null ? "" : currency.toUpperCase(Locale.ROOT));
    }

    private static Instant instant(@Nullable Long epochSecond) {
        return epochSecond == null ? Instant.EPOCH : Instant.ofEpochSecond(epochSecond);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
