package dev.portico.plugins.stripe;

import dev.portico.plugin.api.PaymentProviderException;
import dev.portico.plugin.api.PluginSettings;
import dev.portico.plugin.api.SettingDescriptor;
import dev.portico.plugin.api.SettingType;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One studio's Stripe settings, read from the values the host validated against {@link #DESCRIPTORS}.
 *
 * @param secretKey           the studio's secret API key ({@code sk_live_...}, {@code sk_test_...} or a restricted key)
 * @param webhookSecret       the signing secret of the studio's webhook endpoint ({@code whsec_...})
 * @param mode                the raw {@code mode} value; see {@link #checkoutMode()}
 * @param apiBase             Stripe's API base URL without a trailing slash
 * @param webhookTolerance    how old a webhook signature may be
 * @param statementDescriptor suffix for the customer's card statement, if the studio set one
 */
record StripeSettings(String secretKey, String webhookSecret, String mode, String apiBase, Duration webhookTolerance,
        @Nullable String statementDescriptor) {

    static final String SECRET_KEY = "secretKey";
    static final String WEBHOOK_SECRET = "webhookSecret";
    static final String MODE = "mode";
    static final String API_BASE_URL = "apiBaseUrl";
    static final String WEBHOOK_TOLERANCE = "webhookTolerance";
    static final String STATEMENT_DESCRIPTOR = "statementDescriptor";

    static final String CHECKOUT = "checkout";
    static final String PAYMENT_INTENT = "payment_intent";

    static final List<SettingDescriptor> DESCRIPTORS = List.of(
            SettingDescriptor.secret(SECRET_KEY, "Secret API key of the studio's Stripe account (sk_live_..., or sk_test_... while testing)."),
            SettingDescriptor.secret(WEBHOOK_SECRET, "Signing secret (whsec_...) of the Stripe webhook endpoint that points at this studio."),
            SettingDescriptor.optional(MODE, SettingType.STRING, CHECKOUT,
                    "How customers pay: 'checkout' redirects to a Stripe-hosted page, 'payment_intent' confirms in the portal with Stripe.js."),
            SettingDescriptor.optional(API_BASE_URL, SettingType.URL, "https://api.stripe.com",
                    "Stripe API address; change it only to test against a local Stripe stub or to go through an egress proxy."),
            SettingDescriptor.optional(WEBHOOK_TOLERANCE, SettingType.DURATION, "PT5M",
                    "How old a webhook's signature may be before it is rejected as a possible replay."),
            SettingDescriptor.optional(STATEMENT_DESCRIPTOR, SettingType.STRING, null,
                    "Suffix shown after the account's statement descriptor prefix on customers' card statements (22 characters in all)."));

    /** The settings of one call; the host has validated them and applied defaults. */
    static StripeSettings of(PluginSettings settings) {
        String apiBase = settings.find(API_BASE_URL).orElse("https://api.stripe.com");
        // the SDK appends "/v1/..." to the base as is, so a trailing slash would double up
        while (apiBase.endsWith("/")) {
            apiBase = apiBase.substring(0, apiBase.length() - 1);
        }
        return new StripeSettings(settings.get(SECRET_KEY), settings.get(WEBHOOK_SECRET),
                settings.find(MODE).orElse(CHECKOUT).strip(), apiBase,
                settings.find(WEBHOOK_TOLERANCE).map(Duration::parse).orElse(Duration.ofMinutes(5)),
                settings.find(STATEMENT_DESCRIPTOR).filter(s -> !s.isBlank()).orElse(null));
    }

    /**
     * Whether payments go through Stripe Checkout rather than a bare PaymentIntent.
     *
     * @throws PaymentProviderException (not retryable) when the studio set a mode this plugin does not know; the
     *                                  host's schema only checks that it is a string
     */
    boolean checkoutMode() {
        return switch (mode) {
            case CHECKOUT -> true;
            case PAYMENT_INTENT -> false;
            default -> throw new PaymentProviderException(
                    "setting 'mode' must be 'checkout' or 'payment_intent', not '" + mode + "'", false);
        };
    }

    /**
     * The signature tolerance in whole seconds, at least one: the SDK switches the freshness check off for zero
     * or less, and a studio's {@code PT0S} must not silently accept replays.
     */
    long webhookToleranceSeconds() {
        return Math.max(1, webhookTolerance.toSeconds());
    }

    /** Keeps the secrets out of logs and exception messages. */
    @Override
    public String toString() {
        return "StripeSettings[mode=" + mode + ", apiBase=" + apiBase + ", webhookTolerance=" + webhookTolerance + "]";
    }
}
