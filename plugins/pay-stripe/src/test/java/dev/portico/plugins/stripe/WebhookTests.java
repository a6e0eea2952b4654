package dev.portico.plugins.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.PaymentStatus;
import dev.portico.plugin.api.WebhookEvent;
import dev.portico.plugin.api.WebhookRejectedException;
import dev.portico.plugin.testkit.Conformance;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookTests extends StripeStub {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Map<String, String> HOST_METADATA = Map.of("paymentId", "pay_42", "tenant", "serenity");

    private static final String SUCCEEDED = StripeJson.event("evt_3QxYz2LkdIwHu7ix0Succ", "payment_intent.succeeded",
            StripeJson.paymentIntent("pi_3QxYz2LkdIwHu7ix1", 12000, "succeeded"));

    /** Stripe's scheme: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload" keyed with the secret>}. */
    static String signature(String payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebhookEvent deliver(String payload, @Nullable String signatureHeader, ExtensionContext context)
            throws WebhookRejectedException {
        Map<String, String> headers = signatureHeader == null ? Map.of("content-type", "application/json")
                : Map.of("content-type", "application/json", "stripe-signature", signatureHeader);
        return provider.parseWebhook(payload.getBytes(StandardCharsets.UTF_8), headers, context);
    }

    private static WebhookEvent deliverSignedNow(String payload) throws WebhookRejectedException {
        return deliver(payload, signature(payload, WEBHOOK_SECRET, NOW.getEpochSecond()), studio(Map.of(), CLOCK));
    }

    @Test
    void aCorrectlySignedEventIsParsed() throws WebhookRejectedException {
        WebhookEvent event = deliverSignedNow(SUCCEEDED);

        assertThat(event).isEqualTo(new WebhookEvent("evt_3QxYz2LkdIwHu7ix0Succ", "payment_intent.succeeded",
                "pi_3QxYz2LkdIwHu7ix1", PaymentStatus.SUCCEEDED, HOST_METADATA));
    }

    static Stream<Arguments> paymentEvents() {
        String pi = "pi_3QxYz2LkdIwHu7ix1";
        return Stream.of(
                Arguments.of("payment_intent.payment_failed", StripeJson.paymentIntent(pi, 12000, "requires_payment_method"), pi, PaymentStatus.FAILED),
                Arguments.of("payment_intent.canceled", StripeJson.paymentIntent(pi, 12000, "canceled"), pi, PaymentStatus.FAILED),
                Arguments.of("checkout.session.completed", StripeJson.checkoutSession("cs_test_a1", "complete", "paid", "\"" + pi + "\""), "cs_test_a1", PaymentStatus.SUCCEEDED),
                Arguments.of("checkout.session.completed", StripeJson.checkoutSession("cs_test_a1", "complete", "unpaid", "\"" + pi + "\""), "cs_test_a1", PaymentStatus.PENDING),
                Arguments.of("checkout.session.async_payment_succeeded", StripeJson.checkoutSession("cs_test_a1", "complete", "paid", "\"" + pi + "\""), "cs_test_a1", PaymentStatus.SUCCEEDED),
                Arguments.of("checkout.session.async_payment_failed", StripeJson.checkoutSession("cs_test_a1", "complete", "unpaid", "\"" + pi + "\""), "cs_test_a1", PaymentStatus.FAILED),
                Arguments.of("checkout.session.expired", StripeJson.checkoutSession("cs_test_a1", "expired", "unpaid", "null"), "cs_test_a1", PaymentStatus.FAILED),
                Arguments.of("charge.refunded", StripeJson.charge("ch_1", pi, 12000, 12000), pi, PaymentStatus.REFUNDED),
                Arguments.of("charge.refunded", StripeJson.charge("ch_1", pi, 12000, 5000), pi, PaymentStatus.PARTIALLY_REFUNDED));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("paymentEvents")
    void paymentEventsMapToTheHostsStatusWithTheHostsMetadata(String type, String object, String paymentId,
            PaymentStatus status) throws WebhookRejectedException {
        WebhookEvent event = deliverSignedNow(StripeJson.event("evt_1", type, object));

        assertThat(event).isEqualTo(new WebhookEvent("evt_1", type, paymentId, status, HOST_METADATA));
    }

    @Test
    void otherEventsAreVerifiedButCarryNoStatus() throws WebhookRejectedException {
        WebhookEvent event = deliverSignedNow(StripeJson.event("evt_2", "customer.created",
                "{\"id\": \"cus_R2d2\", \"object\": \"customer\", \"email\": \"maya@example.com\", \"metadata\": {}}"));

        assertThat(event).isEqualTo(new WebhookEvent("evt_2", "customer.created", null, null, Map.of()));
    }

    @Test
    void anEventRenderedAtAnOlderApiVersionIsStillRead() throws WebhookRejectedException {
        WebhookEvent event = deliverSignedNow(StripeJson.event("evt_3", "payment_intent.succeeded",
                StripeJson.paymentIntent("pi_3QxYz2LkdIwHu7ix1", 12000, "succeeded"), "2024-06-20"));

        assertThat(event.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(event.metadata()).isEqualTo(HOST_METADATA);
    }

    @Test
    void aRedeliveryCarriesTheSameEventIdForTheHostToDeduplicate() throws WebhookRejectedException {
        WebhookEvent first = deliverSignedNow(SUCCEEDED);
        // Stripe signs each delivery afresh
        WebhookEvent again = deliver(SUCCEEDED, signature(SUCCEEDED, WEBHOOK_SECRET, NOW.getEpochSecond() - 60),
                studio(Map.of(), CLOCK));

        assertThat(again.eventId()).isEqualTo(first.eventId()).isEqualTo("evt_3QxYz2LkdIwHu7ix0Succ");
        assertThat(again).isEqualTo(first);
    }

    @Test
    void aSignatureFromARotatedSecretIsAcceptedAlongsideTheOldOne() throws WebhookRejectedException {
        String old = signature(SUCCEEDED, "whsec_old", NOW.getEpochSecond());
        String current = signature(SUCCEEDED, WEBHOOK_SECRET, NOW.getEpochSecond());
        String both = old + ",v1=" + current.substring(current.indexOf("v1=") + 3);

        assertThat(deliver(SUCCEEDED, both, studio(Map.of(), CLOCK)).eventId()).isEqualTo("evt_3QxYz2LkdIwHu7ix0Succ");
    }

    @Test
    void aTamperedPayloadIsRejected() {
        String header = signature(SUCCEEDED, WEBHOOK_SECRET, NOW.getEpochSecond());
        String tampered = SUCCEEDED.replace("\"amount\": 12000", "\"amount\": 1");

        assertThatThrownBy(() -> deliver(tampered, header, studio(Map.of(), CLOCK)))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("does not match");
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRejected() {
        String header = signature(SUCCEEDED, "whsec_ironworks", NOW.getEpochSecond());

        assertThatThrownBy(() -> deliver(SUCCEEDED, header, studio(Map.of(), CLOCK)))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("does not match");
    }

    @Test
    void aMissingOrMalformedSignatureIsRejected() {
        ExtensionContext serenity = studio(Map.of(), CLOCK);

        assertThatThrownBy(() -> deliver(SUCCEEDED, null, serenity))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("missing");
        for (String header : new String[] {"", "garbage", "t=soon,v1=abc", "v1=abc", "t=" + NOW.getEpochSecond()}) {
            assertThatThrownBy(() -> deliver(SUCCEEDED, header, serenity)).as(header)
                    .isInstanceOf(WebhookRejectedException.class);
        }
    }

    @Test
    void aSignatureOlderThanTheToleranceIsRejected() throws WebhookRejectedException {
        ExtensionContext fiveMinutes = studio(Map.of(), CLOCK);
        long stale = NOW.minusSeconds(301).getEpochSecond();

        assertThatThrownBy(() -> deliver(SUCCEEDED, signature(SUCCEEDED, WEBHOOK_SECRET, stale), fiveMinutes))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("older than the tolerance");
        long fresh = NOW.minusSeconds(299).getEpochSecond();
        assertThat(deliver(SUCCEEDED, signature(SUCCEEDED, WEBHOOK_SECRET, fresh), fiveMinutes).eventId())
                .isEqualTo("evt_3QxYz2LkdIwHu7ix0Succ");
    }

    @Test
    void theStudiosToleranceApplies() throws WebhookRejectedException {
        ExtensionContext tenMinutes = studio(Map.of("webhookTolerance", "PT10M"), CLOCK);

        assertThat(deliver(SUCCEEDED, signature(SUCCEEDED, WEBHOOK_SECRET, NOW.minusSeconds(301).getEpochSecond()),
                tenMinutes).eventId()).isEqualTo("evt_3QxYz2LkdIwHu7ix0Succ");
        assertThatThrownBy(() -> deliver(SUCCEEDED, signature(SUCCEEDED, WEBHOOK_SECRET,
                NOW.minusSeconds(601).getEpochSecond()), tenMinutes)).isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void aZeroToleranceDoesNotSwitchTheFreshnessCheckOff() {
        // the SDK skips the check for a tolerance of zero; the plugin keeps at least one second
        ExtensionContext zero = studio(Map.of("webhookTolerance", "PT0S"), CLOCK);

        assertThatThrownBy(() -> deliver(SUCCEEDED, signature(SUCCEEDED, WEBHOOK_SECRET,
                NOW.minusSeconds(5).getEpochSecond()), zero)).isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void aSignedBodyThatIsNotAStripeEventIsRejected() {
        for (String payload : new String[] {"not json", "{}", "[1, 2]"}) {
            assertThatThrownBy(() -> deliverSignedNow(payload)).as(payload).isInstanceOf(WebhookRejectedException.class);
        }
    }

    @Test
    void aPaymentEventWithoutItsObjectIsRejectedSoStripeRedelivers() {
        String broken = StripeJson.event("evt_4", "payment_intent.succeeded", "{\"id\": \"cus_1\", \"object\": \"customer\"}");

        assertThatThrownBy(() -> deliverSignedNow(broken)).isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void forgeriesAreRejected() {
        Conformance.webhookRejectsForgeries(provider, studio(Map.of()));
    }
}
