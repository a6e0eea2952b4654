package dev.portico.plugins.stripe;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.PaymentProvider;
import dev.portico.plugin.testkit.PluginTestHost;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The plugin loaded through PF4J as the host loads it, and a WireMock standing in for api.stripe.com that the
 * real stripe-java SDK inside the plugin talks to. One of each per test class; stubs are reset before each test.
 */
abstract class StripeStub {

    static final String SECRET_KEY = "sk_test_serenity";
    static final String WEBHOOK_SECRET = "whsec_serenity";

    static WireMockServer stripe;
    static PluginTestHost host;
    static PaymentProvider provider;

    @BeforeAll
    static void startStripeAndLoadPlugin() {
        stripe = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        stripe.start();
        host = PluginTestHost.forThisModule();
        provider = host.extension(PaymentProvider.class);
    }

    @AfterAll
    static void stopStripeAndUnloadPlugin() {
        host.close();
        stripe.stop();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        stripe.resetAll();
    }

    static String apiBaseUrl() {
        return "http://127.0.0.1:" + stripe.port();
    }

    /** Serenity's context with its Stripe keys pointed at the stub, plus {@code extra} settings. */
    static ExtensionContext studio(Map<String, String> extra) {
        return studio(extra, Clock.systemUTC());
    }

    static ExtensionContext studio(Map<String, String> extra, Clock clock) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "secretKey", SECRET_KEY, "webhookSecret", WEBHOOK_SECRET, "apiBaseUrl", apiBaseUrl()));
        settings.putAll(extra);
        return host.context(settings, clock, null);
    }
}
