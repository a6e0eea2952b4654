package dev.portico.plugins.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.Stripe;
import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.Money;
import dev.portico.plugin.api.PaymentProviderException;
import dev.portico.plugin.api.PaymentRequest;
import dev.portico.plugin.api.PaymentSession;
import dev.portico.plugin.api.PaymentStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CreatePaymentTests extends StripeStub {

    private static final Map<String, String> PAYMENT_INTENT_MODE = Map.of("mode", "payment_intent");

    private static PaymentRequest request(String idempotencyKey) {
        return new PaymentRequest(idempotencyKey, new Money(12000, "AED"), "10-class pack", "maya@example.com",
                "https://serenity.localhost/portal/payments/done?session={CHECKOUT_SESSION_ID}",
                "https://serenity.localhost/portal/packages", Map.of("paymentId", "pay_42", "tenant", "serenity"));
    }

    private static void stubPaymentIntentCreated() {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(okJson(StripeJson.paymentIntent("pi_3QxYz2LkdIwHu7ix1", 12000, "requires_payment_method"))));
    }

    @Test
    void paymentIntentCarriesAmountCurrencyMetadataKeyAndIdempotencyKey() {
        stubPaymentIntentCreated();

        PaymentSession session = provider.createPayment(request("pay_42-attempt-1"), studio(PAYMENT_INTENT_MODE));

        assertThat(session).isEqualTo(new PaymentSession("pi_3QxYz2LkdIwHu7ix1", null,
                "pi_3QxYz2LkdIwHu7ix1_secret_Xk2wQ9sLm4", PaymentStatus.PENDING, null));
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
                .withHeader("Idempotency-Key", equalTo("pay_42-attempt-1"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded;charset=UTF-8"))
                .withFormParam("amount", equalTo("12000"))
                .withFormParam("currency", equalTo("aed"))
                .withFormParam("description", equalTo("10-class pack"))
                .withFormParam("receipt_email", equalTo("maya@example.com"))
                .withFormParam("metadata[paymentId]", equalTo("pay_42"))
                .withFormParam("metadata[tenant]", equalTo("serenity"))
                .withFormParam("automatic_payment_methods[enabled]", equalTo("true")));
    }

    @Test
    void aRetryWithTheSameKeySendsTheSameIdempotencyKeySoStripeChargesOnce() {
        stubPaymentIntentCreated();
        ExtensionContext serenity = studio(PAYMENT_INTENT_MODE);

        PaymentSession first = provider.createPayment(request("pay_42-attempt-1"), serenity);
        PaymentSession retry = provider.createPayment(request("pay_42-attempt-1"), serenity);
        provider.createPayment(request("pay_43-attempt-1"), serenity);

        assertThat(retry).isEqualTo(first);
        List<String> keys = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))).stream()
                .map(r -> r.getHeader("Idempotency-Key")).toList();
        assertThat(keys).containsExactly("pay_42-attempt-1", "pay_42-attempt-1", "pay_43-attempt-1");
    }

    @Test
    void statementDescriptorGoesAsTheSuffixCardChargesAccept() {
        stubPaymentIntentCreated();
        Map<String, String> settings = new HashMap<>(PAYMENT_INTENT_MODE);
        settings.put("statementDescriptor", "SERENITY YOGA");

        provider.createPayment(request("pay_42-attempt-1"), studio(settings));

        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withFormParam("statement_descriptor_suffix", equalTo("SERENITY YOGA"))
                .withoutFormParam("statement_descriptor"));
    }

    @Test
    void checkoutIsTheDefaultAndReturnsTheHostedPageToRedirectTo() {
        stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions"))
                .willReturn(okJson(StripeJson.checkoutSession("cs_test_a1B2c3D4", "open", "unpaid", "null"))));

        PaymentSession session = provider.createPayment(request("pay_42-attempt-1"), studio(Map.of()));

        assertThat(session.providerPaymentId()).isEqualTo("cs_test_a1B2c3D4");
        assertThat(session.redirectUrl()).isEqualTo("https://checkout.stripe.com/c/pay/cs_test_a1B2c3D4#fidkdWxOYHwnPyd1blpxYHZxWjA0");
        assertThat(session.clientSecret()).isNull();
        assertThat(session.status()).isEqualTo(PaymentStatus.PENDING);
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
                .withHeader("Idempotency-Key", equalTo("pay_42-attempt-1"))
                .withFormParam("mode", equalTo("payment"))
                .withFormParam("line_items[0][quantity]", equalTo("1"))
                .withFormParam("line_items[0][price_data][currency]", equalTo("aed"))
                .withFormParam("line_items[0][price_data][unit_amount]", equalTo("12000"))
                .withFormParam("line_items[0][price_data][product_data][name]", equalTo("10-class pack"))
                .withFormParam("customer_email", equalTo("maya@example.com"))
                .withFormParam("success_url", equalTo("https://serenity.localhost/portal/payments/done?session={CHECKOUT_SESSION_ID}"))
                .withFormParam("cancel_url", equalTo("https://serenity.localhost/portal/packages"))
                .withFormParam("metadata[paymentId]", equalTo("pay_42"))
                .withFormParam("payment_intent_data[metadata][paymentId]", equalTo("pay_42"))
                .withFormParam("payment_intent_data[metadata][tenant]", equalTo("serenity"))
                .withFormParam("payment_intent_data[description]", equalTo("10-class pack")));
    }

    @Test
    void aDeclinedCardIsAFailedPaymentWithStripesMessage() {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(aResponse().withStatus(402)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeJson.error("card_error", "card_declined", "Your card was declined."))));

        PaymentSession session = provider.createPayment(request("pay_42-attempt-1"), studio(PAYMENT_INTENT_MODE));

        assertThat(session.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(session.failureReason()).isEqualTo("Your card was declined. (card_declined)");
        assertThat(session.providerPaymentId()).isEmpty();
    }

    @Test
    void aDeclineNamesTheDeclineCodeAndThePaymentIntentStripeMade() {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(aResponse().withStatus(402)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                          "message": "Your card has insufficient funds.",
                          "payment_intent": %s}}
                        """.formatted(StripeJson.paymentIntent("pi_3QxYz2LkdIwHu7ix9", 12000, "requires_payment_method")))));

        PaymentSession session = provider.createPayment(request("pay_42-attempt-1"), studio(PAYMENT_INTENT_MODE));

        assertThat(session).isEqualTo(new PaymentSession("pi_3QxYz2LkdIwHu7ix9", null, null, PaymentStatus.FAILED,
                "Your card has insufficient funds. (card_declined: insufficient_funds)"));
    }

    @Test
    void anInvalidRequestIsAFailedPaymentWithStripesMessage() {
        stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeJson.error("invalid_request_error", "amount_too_small",
                        "Amount must convert to at least 200 fils. AED 0.50 converts to approximately AED 0.50."))));

        PaymentSession session = provider.createPayment(request("pay_42-attempt-1"), studio(Map.of()));

        assertThat(session.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(session.failureReason()).endsWith("(amount_too_small)");
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource({
            "500, api_error",
            "502, api_error",
            "503, api_error",
            "429, rate_limit",
            "429, lock_timeout",
            "409, idempotency_key_in_use"})
    void anUnknownOrTemporaryOutcomeIsRetryable(int status, String code) {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeJson.error(status == 500 || status > 501 ? "api_error" : "invalid_request_error", code, "Try again later."))));

        assertThatThrownBy(() -> provider.createPayment(request("pay_42-attempt-1"), studio(PAYMENT_INTENT_MODE)))
                .isInstanceOfSatisfying(PaymentProviderException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "200 | application/json | {\"id\": \"pi_3QxYz2LkdIwHu7ix1\", \"object\": \"payment_in",
            "502 | text/html        | <html><body>Bad gateway</body></html>"})
    void anUnreadableAnswerIsRetryableBecauseThePaymentMayExist(int status, String contentType, String body) {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", contentType).withBody(body)));

        assertThatThrownBy(() -> provider.createPayment(request("pay_42-attempt-1"), studio(PAYMENT_INTENT_MODE)))
                .isInstanceOfSatisfying(PaymentProviderException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
    void aBrokenConnectionIsRetryable(Fault fault) {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(aResponse().withFault(fault)));

        assertThatThrownBy(() -> provider.createPayment(request("pay_42-attempt-1"), studio(PAYMENT_INTENT_MODE)))
                .isInstanceOfSatisfying(PaymentProviderException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void anUnreachableStripeIsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ExtensionContext unreachable = studio(Map.of("mode", "payment_intent", "apiBaseUrl", "http://127.0.0.1:" + closedPort));

        assertThatThrownBy(() -> provider.createPayment(request("pay_42-attempt-1"), unreachable))
                .isInstanceOfSatisfying(PaymentProviderException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({
            "401, api_key_expired, Expired API Key provided: sk_test_****enity",
            "403, secret_key_required, The provided key does not have access to this resource."})
    void aRejectedKeyIsNotRetryable(int status, String code, String message) {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeJson.error("invalid_request_error", code, message))));

        assertThatThrownBy(() -> provider.createPayment(request("pay_42-attempt-1"), studio(PAYMENT_INTENT_MODE)))
                .isInstanceOfSatisfying(PaymentProviderException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(code).doesNotContain(SECRET_KEY);
                });
    }

    @Test
    void anUnknownModeIsAConfigurationErrorNotARetry() {
        assertThatThrownBy(() -> provider.createPayment(request("pay_42-attempt-1"), studio(Map.of("mode", "subscription"))))
                .isInstanceOfSatisfying(PaymentProviderException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("mode");
                });
        assertThat(stripe.getAllServeEvents()).isEmpty();
    }

    @Test
    void concurrentStudiosEachUseTheirOwnKey() throws Exception {
        stubPaymentIntentCreated();
        Map<String, ExtensionContext> studios = Map.of(
                "sk_test_serenity", host.context(Map.of("secretKey", "sk_test_serenity", "webhookSecret", "whsec_a",
                        "apiBaseUrl", apiBaseUrl(), "mode", "payment_intent")),
                "sk_test_ironworks", host.context(Map.of("secretKey", "sk_test_ironworks", "webhookSecret", "whsec_b",
                        "apiBaseUrl", apiBaseUrl(), "mode", "payment_intent")));

        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<PaymentSession>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String key = i % 2 == 0 ? "sk_test_serenity" : "sk_test_ironworks";
                String idempotencyKey = key + "-" + i;
                calls.add(pool.submit(() -> provider.createPayment(request(idempotencyKey), studios.get(key))));
            }
            for (Future<PaymentSession> call : calls) {
                assertThat(call.get().status()).isEqualTo(PaymentStatus.PENDING);
            }
        }

        List<LoggedRequest> requests = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents")));
        assertThat(requests).hasSize(40).allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key"))
                .startsWith(r.getHeader("Authorization").substring("Bearer ".length()) + "-"));
        assertThat(Stripe.apiKey).as("the SDK's global key").isNull();
    }
}
