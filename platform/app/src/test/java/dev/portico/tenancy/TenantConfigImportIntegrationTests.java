package dev.portico.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Importing tenant-config files: bad files are reported and skipped, re-imports change nothing. */
@SpringBootTest(properties = {"portico.tenant-config-dir=target/no-tenant-config",
        "portico.default-public-base-url=https://{slug}.portico.example"})
class TenantConfigImportIntegrationTests {

    @Autowired
    TenantProvisioning provisioning;

    @Autowired
    TenantRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void malformedFileIsReportedAndTheOthersLoad() throws IOException {
        Files.writeString(dir.resolve("alpha.yaml"), "slug: alpha\nname: Alpha\ncurrency: AED\n");
        Files.writeString(dir.resolve("beta.yml"), "slug: beta\nname: Beta\ncurrency: GBP\ntimezone: Europe/London\n");
        Files.writeString(dir.resolve("gamma.yaml"), "slug: gamma\nname: Gamma\ncurrency: AED\ntimezone: Nowhere/Town\n");
        Files.writeString(dir.resolve("notes.txt"), "not a config");

        ImportReport report = provisioning.importConfigs(dir);

        assertThat(report.created()).containsExactlyInAnyOrder("alpha", "beta");
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.source()).isEqualTo("gamma.yaml");
            assertThat(problem.line()).isEqualTo(4);
            assertThat(problem.field()).isEqualTo("timezone");
        });
        assertThat(registry.findBySlug("gamma")).isEmpty();
        assertThat(registry.findBySlug("beta").orElseThrow().config().timezone()).isEqualTo("Europe/London");
    }

    @Test
    void reimportOfUnchangedFilesChangesNothing() throws IOException {
        Files.writeString(dir.resolve("delta.yaml"), """
                slug: delta
                name: Delta
                currency: AED
                domains: [delta.example.com, www.delta.example.com]
                plugins:
                  notify-dev-inbox: {enabled: true}
                  notify-resend: {enabled: false, settings: {apiKey: "${RESEND_KEY}", from: "a@delta.example.com"}}
                theme:
                  pack: calm
                  tokens: {color-primary: "#112233", radius: 8px, color-accent: "#445566"}
                """);
        assertThat(provisioning.importConfigs(dir).created()).containsExactly("delta");
        Map<String, Object> before = row("delta");

        ImportReport again = provisioning.importConfigs(dir);

        assertThat(again.unchanged()).containsExactly("delta");
        assertThat(again.created()).isEmpty();
        assertThat(again.updated()).isEmpty();
        assertThat(row("delta")).isEqualTo(before);
        assertThat(jdbc.sql("SELECT domain FROM platform.tenant_domains d JOIN platform.tenants t ON t.id = d.tenant_id WHERE slug = 'delta' ORDER BY domain")
                .query(String.class).list()).containsExactly("delta.example.com", "www.delta.example.com");
        assertThat(jdbc.sql("SELECT plugin_id || ':' || enabled || ':' || settings::text FROM platform.tenant_plugins p JOIN platform.tenants t ON t.id = p.tenant_id WHERE slug = 'delta' ORDER BY plugin_id")
                .query(String.class).list()).containsExactly(
                        "notify-dev-inbox:true:{}",
                        "notify-resend:false:{\"from\": \"a@delta.example.com\", \"apiKey\": \"${RESEND_KEY}\"}");
    }

    @Test
    void changedFileUpdatesTheStudio() throws IOException {
        Path file = dir.resolve("epsilon.yaml");
        Files.writeString(file, "slug: epsilon\nname: Epsilon\ncurrency: AED\ndomains: [old.epsilon.example]\n");
        provisioning.importConfigs(dir);

        Files.writeString(file, "slug: epsilon\nname: Epsilon Studio\ncurrency: AED\ndomains: [new.epsilon.example]\n");
        ImportReport report = provisioning.importConfigs(dir);

        assertThat(report.updated()).containsExactly("epsilon");
        assertThat(registry.findByHost("new.epsilon.example")).map(t -> t.config().name()).contains("Epsilon Studio");
        assertThat(registry.findByHost("old.epsilon.example")).isEmpty();
    }

    @Test
    void publicBaseUrlComesFromConfigOrThePlatformDefault() throws IOException {
        Files.writeString(dir.resolve("own.yaml"), "slug: own\nname: Own\ncurrency: AED\npublicBaseUrl: https://book.own.example/\n");
        Files.writeString(dir.resolve("plain.yaml"), "slug: plain\nname: Plain\ncurrency: AED\n");
        Files.writeString(dir.resolve("bad-url.yaml"), "slug: badurl\nname: Bad\ncurrency: AED\npublicBaseUrl: ftp://x.example\n");

        ImportReport report = provisioning.importConfigs(dir);

        assertThat(registry.findBySlug("own").orElseThrow().publicBaseUrl()).hasToString("https://book.own.example");
        assertThat(registry.findBySlug("plain").orElseThrow().publicBaseUrl()).hasToString("https://plain.portico.example");
        assertThat(report.problems()).extracting(ConfigProblem::field).containsExactly("publicBaseUrl");
    }

    @Test
    void demoStudiosAreSkippedOutsideTheDemoProfile() throws IOException {
        Files.writeString(dir.resolve("show.yaml"), "slug: show\nname: Show\ncurrency: AED\ndemo: true\n");

        ImportReport report = provisioning.importConfigs(dir);

        assertThat(report.skipped()).containsExactly("show.yaml");
        assertThat(registry.findBySlug("show")).isEmpty();
    }

    @Test
    void twoFilesClaimingOneSlugOrDomainAreRefused() throws IOException {
        Files.writeString(dir.resolve("a-zeta.yaml"), "slug: zeta\nname: Zeta\ncurrency: AED\ndomains: [shared.example.com]\n");
        Files.writeString(dir.resolve("b-zeta.yaml"), "slug: zeta\nname: Zeta Two\ncurrency: AED\n");
        Files.writeString(dir.resolve("c-eta.yaml"), "slug: eta\nname: Eta\ncurrency: AED\ndomains: [shared.example.com]\n");

        ImportReport report = provisioning.importConfigs(dir);

        assertThat(report.created()).containsExactly("zeta");
        assertThat(report.problems()).extracting(ConfigProblem::source, ConfigProblem::field).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("b-zeta.yaml", "slug"),
                org.assertj.core.groups.Tuple.tuple("c-eta.yaml", "domains"));
        assertThat(registry.findBySlug("zeta").orElseThrow().config().name()).isEqualTo("Zeta");
        assertThat(registry.findBySlug("eta")).isEmpty();
    }

    private Map<String, Object> row(String slug) {
        return jdbc.sql("SELECT id, name, config::text, source_hash, updated_at, version FROM platform.tenants WHERE slug = ?")
                .param(slug).query().singleRow();
    }

}
