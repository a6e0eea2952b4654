package dev.portico.plugins.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.portico.plugin.api.PaymentProvider;
import dev.portico.plugin.api.SettingDescriptor;
import dev.portico.plugin.api.SettingType;
import dev.portico.plugin.api.SettingsSchema;
import dev.portico.plugin.testkit.Conformance;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTests extends StripeStub {

    @Test
    void theSchemaIsWellFormed() {
        Conformance.settingsSchema(host);
    }

    @Test
    void bothSecretsAreRequiredAndMasked() {
        SettingsSchema schema = host.schema();

        assertThat(schema.problems(Map.of())).containsOnlyKeys("secretKey", "webhookSecret");
        assertThat(schema.masked(Map.of("secretKey", "sk_live_real", "webhookSecret", "whsec_real", "mode", "checkout")))
                .containsEntry("secretKey", SettingsSchema.MASK)
                .containsEntry("webhookSecret", SettingsSchema.MASK)
                .containsEntry("mode", "checkout");
    }

    @Test
    void optionalSettingsDefaultToLiveStripeHostedCheckoutAndFiveMinutes() {
        assertThat(host.schema().apply(Map.of("secretKey", "${SERENITY_STRIPE_KEY}", "webhookSecret", "${SERENITY_STRIPE_WHSEC}")).values())
                .containsEntry("mode", "checkout")
                .containsEntry("apiBaseUrl", "https://api.stripe.com")
                .containsEntry("webhookTolerance", "PT5M")
                .doesNotContainKey("statementDescriptor");
        assertThat(host.extension(PaymentProvider.class).settings())
                .extracting(SettingDescriptor::key, SettingDescriptor::type)
                .contains(tuple("apiBaseUrl", SettingType.URL),
                        tuple("webhookTolerance", SettingType.DURATION));
    }

    @Test
    void theHostRefusesAnApiBaseThatIsNotAUrl() {
        assertThat(host.schema().problems(Map.of("secretKey", "sk_test_x", "webhookSecret", "whsec_x",
                "apiBaseUrl", "api.stripe.com", "webhookTolerance", "5 minutes")))
                .containsOnlyKeys("apiBaseUrl", "webhookTolerance");
    }
}
