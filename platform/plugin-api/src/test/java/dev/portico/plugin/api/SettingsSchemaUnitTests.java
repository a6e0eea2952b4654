package dev.portico.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsSchemaUnitTests {

    record Fake(List<SettingDescriptor> settings) implements PorticoExtension {}

    final SettingsSchema schema = SettingsSchema.of(List.of(new Fake(List.of(
            SettingDescriptor.secret("apiKey", "Provider API key"),
            SettingDescriptor.required("from", SettingType.EMAIL, "Sender address"),
            SettingDescriptor.optional("timeout", SettingType.DURATION, "PT10S", "Request timeout"),
            SettingDescriptor.optional("retries", SettingType.INTEGER, "3", "Retries"),
            SettingDescriptor.optional("callback", SettingType.URL, null, "Status callback"),
            SettingDescriptor.optional("sender", SettingType.PHONE, null, "Sender number"),
            SettingDescriptor.optional("sandbox", SettingType.BOOLEAN, "false", "Sandbox mode")))));

    @Test
    void validValuesAndEnvReferencesPass() {
        assertThat(schema.problems(Map.of("apiKey", "${RESEND_API_KEY}", "from", "a@b.example", "retries", "5",
                "callback", "https://x.example/cb", "sender", "+971501234567", "sandbox", "true", "timeout", "PT2S"))).isEmpty();
    }

    @Test
    void eachBadValueIsNamed() {
        Map<String, String> problems = schema.problems(Map.of("from", "not-an-email", "retries", "many",
                "callback", "ftp://x", "sender", "0501234567", "sandbox", "yes", "timeout", "10s", "colour", "red"));

        assertThat(problems).containsOnlyKeys("apiKey", "from", "retries", "callback", "sender", "sandbox", "timeout", "colour");
        assertThat(problems.get("apiKey")).isEqualTo("is required");
        assertThat(problems.get("colour")).isEqualTo("is not a setting of this plugin");
    }

    @Test
    void defaultsFillWhatTheStudioLeftOut() {
        PluginSettings settings = schema.apply(Map.of("apiKey", "k", "from", "a@b.example", "retries", "7"));

        assertThat(settings.getInt("retries")).isEqualTo(7);
        assertThat(settings.getDuration("timeout")).hasSeconds(10);
        assertThat(settings.getBoolean("sandbox")).isFalse();
        assertThat(settings.find("callback")).isEmpty();
    }

    @Test
    void secretsAndUnknownKeysAreMasked() {
        assertThat(schema.masked(Map.of("apiKey", "re_live_123", "from", "a@b.example", "stray", "x")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("apiKey", SettingsSchema.MASK, "from", "a@b.example", "stray", SettingsSchema.MASK));
    }

    @Test
    void schemaDefectsAreReportedForAuthors() {
        SettingsSchema bad = SettingsSchema.of(List.of(new Fake(List.of(
                new SettingDescriptor("Api_Key", SettingType.STRING, true, true, "default-secret", " "),
                SettingDescriptor.optional("retries", SettingType.INTEGER, "three", "Retries")))));

        assertThat(bad.defects()).hasSize(4);
        assertThat(schema.defects()).isEmpty();
    }

    @Test
    void oneKeyDeclaredDifferentlyByTwoExtensionsIsRefused() {
        assertThatThrownBy(() -> SettingsSchema.of(List.of(
                new Fake(List.of(SettingDescriptor.secret("apiKey", "a"))),
                new Fake(List.of(SettingDescriptor.required("apiKey", SettingType.STRING, "a"))))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
