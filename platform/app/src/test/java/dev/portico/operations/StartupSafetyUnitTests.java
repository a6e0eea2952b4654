package dev.portico.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupSafetyUnitTests {

    private static final String GOOD_KEY = "q7Vd3Jk0m9XbR2cT8wYz1LpA4sFhG6uN5eKiO0vQjWs=";
    private static final String URL = "jdbc:postgresql://db.internal:5432/portico?user=portico&password=s3cret";

    /** A safe production configuration; each test breaks one thing. */
    private static StartupSafety.Settings prod() {
        return new StartupSafety.Settings(true, false, false, URL, false, Map.of("primary", GOOD_KEY),
                "https://{slug}.portico.example", Map.of("serenity.yaml", "https://book.serenity.example"), true);
    }

    private static StartupSafety.Settings demoOnEmbedded() {
        return new StartupSafety.Settings(false, true, true, null, false, Map.of("primary", ""),
                "http://{slug}.localhost:8080", Map.of(), true);
    }

    @Test
    void aSafeProductionConfigurationAndTheEmbeddedDemoPass() {
        assertThat(StartupSafety.problems(prod())).isEmpty();
        assertThat(StartupSafety.problems(demoOnEmbedded())).isEmpty();
    }

    @Test
    void prodRefusesTheRandomKey() {
        var settings = with(prod(), Map.of("primary", ""));
        assertThat(StartupSafety.problems(settings)).singleElement().asString()
                .contains("No token signing key is configured").contains("PORTICO_SIGNING_KEY");
    }

    @Test
    void prodRefusesKnownShortNonBase64AndRepetitiveKeys() {
        assertThat(StartupSafety.problems(with(prod(), Map.of("k", "MRYOupQbZUmiH6F/W9pu4PxXg8BwrOH5apiFYKrtwxY="))))
                .singleElement().asString().contains("Signing key 'k' is a published example key");
        assertThat(StartupSafety.problems(with(prod(), Map.of("k", "c2hvcnQta2V5"))))
                .singleElement().asString().contains("Signing key 'k' is 9 bytes long");
        assertThat(StartupSafety.problems(with(prod(), Map.of("k", "not base64 at all!"))))
                .singleElement().asString().contains("is not base64");
        assertThat(StartupSafety.problems(with(prod(), Map.of("k", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))))
                .singleElement().asString().contains("is not random");
    }

    @Test
    void outsideProdTheKeyIsNotChecked() {
        assertThat(StartupSafety.problems(new StartupSafety.Settings(false, false, false, URL, false, Map.of("k", ""),
                "https://{slug}.portico.example", Map.of(), true))).isEmpty();
    }

    @Test
    void theDemoOnAnExternalDatabaseIsRefusedUnlessAllowed() {
        var demoExternal = new StartupSafety.Settings(false, true, false, URL, false, Map.of(), "http://{slug}.localhost:8080", Map.of(), true);
        assertThat(StartupSafety.problems(demoExternal)).singleElement().asString()
                .contains("demo profile is active on an external database")
                .contains("PORTICO_DEMO_ALLOW_EXTERNAL_DATABASE=true")
                .contains("password=***").doesNotContain("s3cret");
        var allowed = new StartupSafety.Settings(false, true, false, URL, true, Map.of(), "http://{slug}.localhost:8080", Map.of(), true);
        assertThat(StartupSafety.problems(allowed)).isEmpty();
    }

    @Test
    void prodRefusesTheEmbeddedDatabaseOrNoDatabase() {
        var p = prod();
        var embedded = new StartupSafety.Settings(true, false, true, URL, false, p.signingKeys(), p.defaultPublicBaseUrl(), Map.of(), true);
        var none = new StartupSafety.Settings(true, false, false, " ", false, p.signingKeys(), p.defaultPublicBaseUrl(), Map.of(), true);
        assertThat(StartupSafety.problems(embedded)).singleElement().asString().contains("prod needs an external PostgreSQL");
        assertThat(StartupSafety.problems(none)).singleElement().asString().contains("SPRING_DATASOURCE_URL");
    }

    @Test
    void prodRefusesTheDemoProfileAndRateLimitsOff() {
        var p = prod();
        var demo = new StartupSafety.Settings(true, true, false, URL, true, p.signingKeys(), p.defaultPublicBaseUrl(), Map.of(), true);
        assertThat(StartupSafety.problems(demo)).singleElement().asString().contains("demo profile is active together with prod");
        var unlimited = new StartupSafety.Settings(true, false, false, URL, false, p.signingKeys(), p.defaultPublicBaseUrl(), Map.of(), false);
        assertThat(StartupSafety.problems(unlimited)).singleElement().asString().contains("Rate limits are off");
    }

    @Test
    void plainHttpBaseUrlsAreRefusedExceptOnLocalhost() {
        var p = prod();
        var http = new StartupSafety.Settings(true, false, false, URL, false, p.signingKeys(), "http://{slug}.portico.example",
                Map.of("a.yaml", "http://book.a.example", "b.yaml", "http://b.localhost:8080", "c.yaml", "http://127.0.0.1:8080"), true);
        assertThat(StartupSafety.problems(http)).containsExactlyInAnyOrder(
                "portico.default-public-base-url (PORTICO_BASE_DOMAIN) is http://slug.portico.example: public URLs must use https:// "
                        + "(login links carry tokens); plain http:// is allowed only for localhost.",
                "publicBaseUrl in a.yaml is http://book.a.example: public URLs must use https:// "
                        + "(login links carry tokens); plain http:// is allowed only for localhost.");
    }

    @Test
    void everyProblemIsListedInOneMessage() {
        var everything = new StartupSafety.Settings(true, true, true, null, false, Map.of("primary", ""), "http://{slug}.portico.example",
                Map.of(), false);
        var problems = StartupSafety.problems(everything);
        assertThat(problems).hasSize(5);
        assertThat(new UnsafeConfigurationException(problems).getMessage())
                .startsWith("Portico refuses to start with an unsafe configuration:\n  - The demo profile is active together with prod")
                .contains("\n  - prod needs an external PostgreSQL", "\n  - Rate limits are off", "\n  - No token signing key",
                        "\n  - portico.default-public-base-url");
    }

    @Test
    void tenantConfigFilesAreReadForTheirPublicBaseUrl(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "slug: a\npublicBaseUrl: http://a.example\n");
        Files.writeString(dir.resolve("b.yml"), "slug: b\n");
        Files.writeString(dir.resolve("broken.yaml"), "slug: [\n");
        Files.writeString(dir.resolve("notes.txt"), "publicBaseUrl: http://ignored.example\n");
        assertThat(StartupSafetyCheck.tenantPublicBaseUrls(dir)).containsExactly(Map.entry("a.yaml", "http://a.example"));
        assertThat(StartupSafetyCheck.tenantPublicBaseUrls(dir.resolve("missing"))).isEmpty();
    }

    private static StartupSafety.Settings with(StartupSafety.Settings s, Map<String, String> keys) {
        return new StartupSafety.Settings(s.prod(), s.demo(), s.embeddedDatabase(), s.datasourceUrl(), s.demoExternalDatabaseAllowed(),
                keys, s.defaultPublicBaseUrl(), s.tenantPublicBaseUrls(), s.rateLimitsEnabled());
    }
}
