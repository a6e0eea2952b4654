package dev.portico.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.support.StudioHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A studio whose schema cannot be migrated answers 503; every other studio keeps serving. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class TenantMigrationFailureIntegrationTests {

    static final Path CONFIG_DIR = configDir();

    @DynamicPropertySource
    static void tenantConfig(DynamicPropertyRegistry registry) {
        registry.add("portico.tenant-config-dir", CONFIG_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    TenantProvisioning provisioning;

    @Autowired
    TenantRegistry registry;

    @Autowired
    TenantConfigReader reader;

    @Autowired
    JdbcClient jdbc;

    @Test
    void brokenStudioAnswers503WhileTheOtherServes(CapturedOutput output) {
        // Someone left objects in the schema the new studio would get: Flyway refuses to migrate it.
        jdbc.sql("CREATE SCHEMA tenant_broken").update();
        jdbc.sql("CREATE TABLE tenant_broken.leftover (id int)").update();
        TenantConfig broken = reader.read("broken.yaml", """
                slug: broken
                name: Broken Studio
                currency: AED
                """).config();

        assertThat(provisioning.provision(broken, "broken.yaml")).isEmpty();
        provisioning.migrateAndAnnounceAll();

        StudioHttp http = new StudioHttp(port);
        StudioHttp.Response down = http.get("broken.localhost", "/api/client-portal/branding");
        StudioHttp.Response up = http.get("healthy.localhost", "/api/client-portal/branding");

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().path("code").asString()).isEqualTo("STUDIO_UNAVAILABLE");
        assertThat(down.body()).doesNotContain("leftover", "Flyway", "Exception");
        assertThat(down.contentType()).startsWith("application/problem+json");
        assertThat(down.header("Retry-After")).isEqualTo("60");
        // Answered before any studio is entered, yet with the headers every answer carries.
        assertThat(down.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(down.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(down.header("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.json().path("studioName").asString()).isEqualTo("Healthy Studio");

        assertThat(registry.findBySlug("broken").orElseThrow().status()).isEqualTo(TenantStatus.MIGRATION_FAILED);
        assertThat(jdbc.sql("SELECT status_detail FROM platform.tenants WHERE slug = 'broken'").query(String.class).single())
                .contains("tenant_broken");
        // The failure is logged with the studio's slug on the line.
        assertThat(output.getOut()).containsPattern("ERROR \\[broken\\] .*Migration of schema tenant_broken failed");
    }

    @Test
    void fixedStudioRecoversOnTheNextMigrationRun() {
        jdbc.sql("CREATE SCHEMA tenant_mended").update();
        jdbc.sql("CREATE TABLE tenant_mended.leftover (id int)").update();
        TenantConfig mended = reader.read("mended.yaml", "slug: mended\nname: Mended\ncurrency: AED\n").config();
        assertThat(provisioning.provision(mended, "mended.yaml")).isEmpty();

        jdbc.sql("DROP TABLE tenant_mended.leftover").update();
        provisioning.migrateAndAnnounceAll();

        assertThat(registry.findBySlug("mended").orElseThrow().status()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(new StudioHttp(port).get("mended.localhost", "/api/client-portal/branding").status()).isEqualTo(200);
    }

    private static Path configDir() {
        try {
            Path dir = Files.createTempDirectory("portico-config");
            Files.writeString(dir.resolve("healthy.yaml"), """
                    slug: healthy
                    name: Healthy Studio
                    timezone: Europe/Berlin
                    currency: EUR
                    """);
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
