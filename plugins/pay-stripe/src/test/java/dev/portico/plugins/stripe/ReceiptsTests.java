package dev.portico.plugins.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.plugin.api.Money;
import dev.portico.plugin.api.PaymentProviderException;
import dev.portico.plugin.api.PaymentStatus;
import dev.portico.plugin.api.Receipt;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceiptsTests extends StripeStub {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private static void stubIntent(String id, String status, String latestCharge) {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + id))
                .withQueryParam("expand[0]", equalTo("latest_charge"))
                .willReturn(okJson(StripeJson.paymentIntent(id, 12000, status, latestCharge))));
    }

    @Test
    void receiptsCarryAmountStatusAndStripesReceiptUrlInTheOrderAsked() {
        stubIntent("pi_paid", "succeeded", StripeJson.charge("ch_paid", "pi_paid", 12000, 0));
        stubIntent("pi_part", "succeeded", StripeJson.charge("ch_part", "pi_part", 12000, 5000));
        stubIntent("pi_back", "succeeded", StripeJson.charge("ch_back", "pi_back", 12000, 12000));
        stubIntent("pi_open", "requires_payment_method", "null");

        List<Receipt> receipts = provider.receipts(List.of("pi_part", "pi_paid", "pi_open", "pi_back"), studio(Map.of()));

        assertThat(receipts).containsExactly(
                new Receipt("pi_part", "10-class pack", new Money(12000, "AED"), PaymentStatus.PARTIALLY_REFUNDED, CREATED,
                        "https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8xch_part"),
                new Receipt("pi_paid", "10-class pack", new Money(12000, "AED"), PaymentStatus.SUCCEEDED, CREATED,
                        "https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8xch_paid"),
                new Receipt("pi_open", "10-class pack", new Money(12000, "AED"), PaymentStatus.PENDING, CREATED, null),
                new Receipt("pi_back", "10-class pack", new Money(12000, "AED"), PaymentStatus.REFUNDED, CREATED,
                        "https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8xch_back"));
        stripe.verify(4, getRequestedFor(urlPathMatching("/v1/payment_intents/pi_(paid|part|open|back)"))
                .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY)));
    }

    @Test
    void aCheckoutSessionsReceiptComesFromItsPaymentIntentUnderTheSessionsId() {
        String intent = StripeJson.paymentIntent("pi_3QxYz2LkdIwHu7ix1", 12000, "succeeded",
                StripeJson.charge("ch_1", "pi_3QxYz2LkdIwHu7ix1", 12000, 0));
        stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_test_a1B2c3D4"))
                .withQueryParam("expand[0]", equalTo("payment_intent"))
                .withQueryParam("expand[1]", equalTo("payment_intent.latest_charge"))
                .willReturn(okJson(StripeJson.checkoutSession("cs_test_a1B2c3D4", "complete", "paid", intent))));
        stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_test_expired"))
                .willReturn(okJson(StripeJson.checkoutSession("cs_test_expired", "expired", "unpaid", "null"))));

        List<Receipt> receipts = provider.receipts(List.of("cs_test_a1B2c3D4", "cs_test_expired"), studio(Map.of()));

        assertThat(receipts).containsExactly(
                new Receipt("cs_test_a1B2c3D4", "10-class pack", new Money(12000, "AED"), PaymentStatus.SUCCEEDED, CREATED,
                        "https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8xch_1"),
                new Receipt("cs_test_expired", "", new Money(12000, "AED"), PaymentStatus.FAILED, CREATED, null));
    }

    @Test
    void aPaymentStripeDoesNotKnowIsLeftOut() {
        stubIntent("pi_paid", "succeeded", StripeJson.charge("ch_paid", "pi_paid", 12000, 0));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_gone")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeJson.error("invalid_request_error", "resource_missing", "No such payment_intent: 'pi_gone'"))));

        assertThat(provider.receipts(List.of("pi_gone", "pi_paid"), studio(Map.of())))
                .extracting(Receipt::providerPaymentId).containsExactly("pi_paid");
    }

    @Test
    void aServerErrorFailsTheCallAsRetryable() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_paid")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeJson.error("api_error", "api_error", "Service unavailable."))));

        assertThatThrownBy(() -> provider.receipts(List.of("pi_paid"), studio(Map.of())))
                .isInstanceOfSatisfying(PaymentProviderException.class, e -> assertThat(e.retryable()).isTrue());
    }
}
