package dev.portico.plugins.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.Money;
import dev.portico.plugin.api.PaymentProvider;
import dev.portico.plugin.api.PaymentRequest;
import dev.portico.plugin.api.PaymentStatus;
import dev.portico.plugin.api.WebhookEvent;
import dev.portico.plugin.testkit.PluginTestHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar a studio deploys, loaded through PF4J: stripe-java and Gson must come from inside it (the unit
 * tests borrow them from the test class path), and the SDK must still work through the plugin's class loader.
 * Runs after {@code package}, under failsafe.
 */
class StripePluginJarTests {

    @Test
    void theDeployedJarTakesPaymentsAndVerifiesWebhooksWithItsOwnStripeJava() throws Exception {
        WireMockServer stripe = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        stripe.start();
        try (PluginTestHost host = PluginTestHost.fromJar(Path.of(System.getProperty("portico.plugin.jar")))) {
            ClassLoader plugin = host.pluginClassLoader();
            PaymentProvider provider = host.extension(PaymentProvider.class);
            assertThat(provider.getClass().getClassLoader()).isSameAs(plugin);
            assertThat(plugin.loadClass("com.stripe.StripeClient").getClassLoader()).isSameAs(plugin);
            assertThat(plugin.loadClass("com.google.gson.Gson").getClassLoader()).isSameAs(plugin);

            stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                    .willReturn(okJson(StripeJson.paymentIntent("pi_3QxYz2LkdIwHu7ix1", 12000, "requires_payment_method"))));
            ExtensionContext serenity = host.context(Map.of("secretKey", "sk_test_serenity", "webhookSecret", "whsec_serenity",
                    "apiBaseUrl", "http://127.0.0.1:" + stripe.port(), "mode", "payment_intent"), Clock.systemUTC(), null);

            var session = provider.createPayment(new PaymentRequest("pay_42-attempt-1", new Money(12000, "AED"),
                    "10-class pack", "maya@example.com", null, null, Map.of("paymentId", "pay_42")), serenity);

            assertThat(session.providerPaymentId()).isEqualTo("pi_3QxYz2LkdIwHu7ix1");
            stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                    .withHeader("Idempotency-Key", equalTo("pay_42-attempt-1")));
            assertThat(plugin.loadClass("com.stripe.Stripe").getField("apiKey").get(null)).as("the SDK's global key").isNull();

            String payload = StripeJson.event("evt_1", "payment_intent.succeeded",
                    StripeJson.paymentIntent("pi_3QxYz2LkdIwHu7ix1", 12000, "succeeded"));
            String signature = WebhookTests.signature(payload, "whsec_serenity", Clock.systemUTC().instant().getEpochSecond());
            WebhookEvent event = provider.parseWebhook(payload.getBytes(StandardCharsets.UTF_8),
                    Map.of("stripe-signature", signature), serenity);
            assertThat(event.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        } finally {
            stripe.stop();
        }
    }
}
