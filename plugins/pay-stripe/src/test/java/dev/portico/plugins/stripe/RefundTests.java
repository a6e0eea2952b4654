package dev.portico.plugins.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.portico.plugin.api.Money;
import dev.portico.plugin.api.RefundRequest;
import dev.portico.plugin.api.RefundResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefundTests extends StripeStub {

    private static RefundRequest refundOf(String paymentId) {
        return new RefundRequest("refund_7-pay_42", paymentId, new Money(5000, "AED"), "class cancelled by studio");
    }

    private static void stubRefundCreated() {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds"))
                .willReturn(okJson(StripeJson.refund("re_3QxYz2LkdIwHu7ix0aBcDeF", "pi_3QxYz2LkdIwHu7ix1", 5000, "succeeded"))));
    }

    @Test
    void refundsThePaymentIntentOnceWithTheHostsKey() {
        stubRefundCreated();

        RefundResult result = provider.refund(refundOf("pi_3QxYz2LkdIwHu7ix1"), studio(Map.of()));
        RefundResult retry = provider.refund(refundOf("pi_3QxYz2LkdIwHu7ix1"), studio(Map.of()));

        assertThat(result).isEqualTo(new RefundResult.Refunded("re_3QxYz2LkdIwHu7ix0aBcDeF")).isEqualTo(retry);
        stripe.verify(2, postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
                .withHeader("Idempotency-Key", equalTo("refund_7-pay_42"))
                .withFormParam("payment_intent", equalTo("pi_3QxYz2LkdIwHu7ix1"))
                .withFormParam("amount", equalTo("5000"))
                .withFormParam("reason", equalTo("requested_by_customer"))
                .withFormParam("metadata[reason]", equalTo("class cancelled by studio"))
                .withFormParam("metadata[tenant]", equalTo("test-studio")));
    }

    @Test
    void aCheckoutSessionIsRefundedThroughItsPaymentIntent() {
        stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_test_a1B2c3D4")).willReturn(okJson(
                StripeJson.checkoutSession("cs_test_a1B2c3D4", "complete", "paid", "\"pi_3QxYz2LkdIwHu7ix1\""))));
        stubRefundCreated();

        RefundResult result = provider.refund(refundOf("cs_test_a1B2c3D4"), studio(Map.of()));

        assertThat(result).isEqualTo(new RefundResult.Refunded("re_3QxYz2LkdIwHu7ix0aBcDeF"));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("refund_7-pay_42"))
                .withFormParam("payment_intent", equalTo("pi_3QxYz2LkdIwHu7ix1")));
    }

    @Test
    void anUnpaidCheckoutSessionHasNothingToRefund() {
        stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_test_a1B2c3D4")).willReturn(okJson(
                StripeJson.checkoutSession("cs_test_a1B2c3D4", "expired", "unpaid", "null"))));

        RefundResult result = provider.refund(refundOf("cs_test_a1B2c3D4"), studio(Map.of()));

        assertThat(result).isInstanceOf(RefundResult.Permanent.class);
        stripe.verify(0, postRequestedFor(urlPathEqualTo("/v1/refunds")));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"500, api_error", "503, api_error", "429, rate_limit"})
    void aServerErrorOrRateLimitIsRetryable(int status, String type) {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeJson.error(type, type, "Something went wrong on Stripe's end."))));

        assertThat(provider.refund(refundOf("pi_3QxYz2LkdIwHu7ix1"), studio(Map.of())))
                .isInstanceOf(RefundResult.Retryable.class);
    }

    @Test
    void aBrokenConnectionIsRetryable() {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(provider.refund(refundOf("pi_3QxYz2LkdIwHu7ix1"), studio(Map.of())))
                .isInstanceOf(RefundResult.Retryable.class);
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource({
            "400, charge_already_refunded, Charge ch_3QxYz2LkdIwHu7ix0pQrStUv has already been refunded.",
            "400, amount_too_large, Refund amount (AED 150.00) is greater than unrefunded amount on charge (AED 120.00)",
            "404, resource_missing, No such payment_intent: 'pi_missing'",
            "401, api_key_expired, Expired API Key provided."})
    void aRefusalIsPermanentWithStripesReason(int status, String code, String message) {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeJson.error("invalid_request_error", code, message))));

        assertThat(provider.refund(refundOf("pi_3QxYz2LkdIwHu7ix1"), studio(Map.of())))
                .isEqualTo(new RefundResult.Permanent(message + " (" + code + ")"));
    }

    @Test
    void aRefundStripeReportsFailedIsPermanent() {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds"))
                .willReturn(okJson(StripeJson.refund("re_3QxYz2LkdIwHu7ix0aBcDeF", "pi_3QxYz2LkdIwHu7ix1", 5000, "failed"))));

        assertThat(provider.refund(refundOf("pi_3QxYz2LkdIwHu7ix1"), studio(Map.of())))
                .isInstanceOf(RefundResult.Permanent.class);
    }
}
